# A mail server for the tests: takes every message on 127.0.0.1:<port> and prints it as one JSON line
# (to, subject, body decoded), so InquirySecurityTests can read what the API e-mailed. Python 3.11's smtpd (Debian 12).
import asyncore, email, email.policy, json, sys, warnings
warnings.simplefilter('ignore', DeprecationWarning)
import smtpd


class Sink(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        message = email.message_from_bytes(data, policy=email.policy.default)
        print(json.dumps({'to': rcpttos, 'from': mailfrom, 'subject': str(message['subject']),
                          'body': message.get_body().get_content()}, ensure_ascii=False), flush=True)


Sink(('127.0.0.1', int(sys.argv[1])), None, decode_data=False)
print('ready', flush=True)
asyncore.loop()
