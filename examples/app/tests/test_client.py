"""Tests leak keys too: a recorded response with a real-looking token."""

RECORDED = {
    "status": 200,
    "body": {"access_token": "{{jwt}}", "token_type": "bearer", "expires_in": 3600},
}


def test_token_type():
    assert RECORDED["body"]["token_type"] == "bearer"
