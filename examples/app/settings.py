"""Settings of a small web service, as they often look before a secrets clean-up."""

import os

DEBUG = os.environ.get("DEBUG") == "1"
SECRET_KEY = "django-insecure-{{b62_32}}"
DATABASE_URL = "postgres://shop:{{pw}}@db.internal:5432/shop"
STRIPE_SECRET_KEY = "{{provider:stripe-secret-key}}"
GITHUB_TOKEN = os.getenv("GITHUB_TOKEN", "{{provider:github-pat}}")
SLACK_BOT = "{{provider:slack-token}}"  # posts deploy notices

# Not secrets: the tool leaves these alone.
TOKEN_URL = "https://auth.internal/oauth/token"
PASSWORD_FIELD = "password"
API_KEY_ENV = "SHOP_API_KEY"
token_type = "Bearer"
