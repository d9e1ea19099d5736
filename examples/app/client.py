"""An API client with its credentials written in."""

import smtplib

import requests

SIGNING_KEY = """{{pem:RSA}}"""


class BillingClient:
    api_token = "{{hex40}}"

    def __init__(self, base_url, password="{{weak}}"):
        self.base_url = base_url
        self.password = password

    def invoices(self):
        headers = {"Authorization": "Bearer {{b62_32}}"}
        return requests.get(self.base_url + "/invoices", headers=headers, auth=("billing", "{{weak}}"))


def send_report(body):
    with smtplib.SMTP("mail.internal") as smtp:
        smtp.login("reports", "{{pw}}")
        smtp.sendmail("reports@shop.internal", ["team@shop.internal"], body)
