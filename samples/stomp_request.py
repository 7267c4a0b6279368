# Sends one resend request to the bundle over STOMP (Python 3 standard library only) and
# prints the routed result. Run the bundle on its embedded defaults first (README).
import json, socket
request = {"Userkey": "AOP554N3X", "Mobile": 9876543210, "AdhaarNumber": "2341 2341 2346",
           "PrimaryKeyId": "TEST", "EncodeTxnId": "DEMO", "RegistrationID": "AOP-554"}
s = socket.create_connection(("localhost", 61616))
def frame(command, headers, body=""):
    s.sendall((command + "\n" + "".join(f"{k}:{v}\n" for k, v in headers.items()) + "\n" + body + "\0").encode())
# The embedded profile's development client (README "Who may use the broker"): the broker refuses anonymous logins.
frame("CONNECT", {"accept-version": "1.2", "host": "localhost", "login": "dev-client", "passcode": "dev-client-password-not-a-secret"})
frame("SUBSCRIBE", {"id": "1", "destination": "aopay.resendotp.success", "subscription-type": "ANYCAST",
                    "selector": "JMSCorrelationID = 'stomp-1'"})
frame("SEND", {"destination": "aopay.resendotp.requests", "destination-type": "ANYCAST",
               "correlation-id": "stomp-1", "content-type": "application/json"}, json.dumps(request))
buffer = b""
while buffer.count(b"\0") < 2:          # CONNECTED, then the MESSAGE with the result
    buffer += s.recv(4096)
print(buffer.split(b"\0")[1].decode())
