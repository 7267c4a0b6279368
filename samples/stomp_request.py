# Sends one resend request to the bundle over STOMP 1.2 (Python 3 standard library only) and
# prints the routed result. Run the bundle on its embedded defaults first (README).
# Broker address and login from the environment; the defaults are the embedded run's
# development client (docs/jms.md), never to be used beyond a developer's machine.
import json, os, socket, sys, uuid

HOST = os.environ.get("AOPAY_STOMP_HOST", "localhost")
PORT = int(os.environ.get("AOPAY_STOMP_PORT", "61616"))
USER = os.environ.get("AOPAY_STOMP_USER", "dev-client")
PASSWORD = os.environ.get("AOPAY_STOMP_PASSWORD", "dev-client-password-not-a-secret")

request = {"Userkey": "AOP554N3X", "Mobile": 9876543210, "AdhaarNumber": "2341 2341 2346",
           "PrimaryKeyId": "TEST", "EncodeTxnId": "DEMO", "RegistrationID": "AOP-554"}
correlation = "stomp-" + uuid.uuid4().hex   # how this client finds its own result
s = socket.create_connection((HOST, PORT), timeout=30)
def frame(command, headers, body=""):
    s.sendall((command + "\n" + "".join(f"{k}:{v}\n" for k, v in headers.items()) + "\n" + body + "\0").encode())
buffer = b""
def next_frame():
    global buffer
    while b"\0" not in buffer:
        chunk = s.recv(4096)
        if not chunk:
            sys.exit("the broker closed the connection")
        buffer += chunk
    head, _, buffer = buffer.partition(b"\0")
    return head.lstrip(b"\r\n").decode()
frame("CONNECT", {"accept-version": "1.2", "host": HOST, "login": USER, "passcode": PASSWORD})
connected = next_frame()
if not connected.startswith("CONNECTED"):
    sys.exit(connected)                 # an ERROR frame: wrong login, say
# the result goes to the queue of its outcome: listen on all four, for this request's result only
for n, outcome in enumerate(["success", "failed", "rejected", "error"]):
    frame("SUBSCRIBE", {"id": str(n), "destination": "aopay.resendotp." + outcome, "subscription-type": "ANYCAST",
                        "selector": f"JMSCorrelationID = '{correlation}'"})
# persistent: the request outlives a broker restart (STOMP messages are not persistent by default)
frame("SEND", {"destination": "aopay.resendotp.requests", "destination-type": "ANYCAST", "persistent": "true",
               "correlation-id": correlation, "content-type": "application/json"}, json.dumps(request))
result = next_frame()                   # the MESSAGE with the result (or an ERROR frame)
print(result)
frame("DISCONNECT", {})
sys.exit(0 if result.startswith("MESSAGE") and "\noutcome:SUCCESS" in result else 1)
