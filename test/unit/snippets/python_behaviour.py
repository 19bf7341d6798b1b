"""Runs the expanded Python snippets and checks they do what their descriptions promise.

Reads JSON on stdin: {"snippets": {prefix: expanded code (with the snippets it needs)}, "node": {...}}
where "node" carries values the JavaScript snippets produced (a webhook signature, a ciphertext),
so the two languages are checked against each other. Prints one JSON object:
{check: {"status": "ok" | "skip" | "fail", "detail": str, ...outputs}}. A check whose snippet
imports a package that is not installed is skipped, with the package named.
"""

import base64
import hashlib
import hmac
import io
import json
import logging
import os
import sys
import time
import traceback

INPUT = json.load(sys.stdin)
RESULTS = {}


def load(prefix):
    namespace = {"__name__": "snippet_" + prefix.replace("-", "_")}
    exec(compile(INPUT["snippets"][prefix], prefix + ".py", "exec"), namespace)
    return namespace


def check(name):
    def run(body):
        try:
            outputs = body() or {}
            RESULTS[name] = {"status": "ok", "detail": "", **outputs}
        except ModuleNotFoundError as error:
            RESULTS[name] = {"status": "skip", "detail": f"the {error.name} package is not installed"}
        except Exception:
            RESULTS[name] = {"status": "fail", "detail": traceback.format_exc()}
        return body

    return run


class Env:
    def __init__(self, **values):
        self.values = values
        self.saved = {}

    def __enter__(self):
        for key, value in self.values.items():
            self.saved[key] = os.environ.get(key)
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value

    def __exit__(self, *exc):
        for key, value in self.saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def capture_log(logger_name=""):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    return stream, lambda: logger.removeHandler(handler)


NODE = INPUT["node"]


@check("webhook")
def _():
    ns = load("ucanpay-webhook")
    verify = ns["verify_ucanpay_signature"]
    secret = NODE["webhookSecret"]
    body = NODE["webhookBody"].encode("utf-8")
    now = time.time()

    def sign(t, key=secret, payload=body):
        return f"t={t},v1=" + hmac.new(key.encode(), f"{t}.".encode() + payload, hashlib.sha256).hexdigest()

    with Env(UCANPAY_WEBHOOK_SECRET=secret):
        assert verify(body, NODE["webhookHeader"]) is True, "a signature made by the JavaScript side"
        assert verify(body, sign(int(now))) is True
        assert verify(body, sign(int(now) - 240)) is True, "within the tolerance"
        assert verify(body, sign(int(now), "old") + "," + sign(int(now)).split(",")[1]) is True, "rotated secrets"
        assert verify(body + b" ", sign(int(now))) is False, "tampered body"
        assert verify(body, sign(int(now) - 360)) is False, "too old"
        assert verify(body, sign(int(now) + 360)) is False, "too far ahead"
        assert verify(body, sign(int(now), "forged")) is False, "wrong secret"
        assert verify(body, "v1=" + sign(int(now)).split("v1=")[1]) is False, "no timestamp"
        assert verify(body, None) is False, "no header"
        assert verify(body.decode(), sign(int(now))) is False, "text is not the raw body"
    with Env(UCANPAY_WEBHOOK_SECRET=None):
        try:
            verify(body, sign(int(now)))
            raise AssertionError("no secret must raise")
        except RuntimeError as error:
            assert "UCANPAY_WEBHOOK_SECRET is not set" in str(error)


@check("logger")
def _():
    ns = load("ucanpay-logger")
    card = NODE["cardNumber"]
    key = NODE["apiKey"]
    saved_stderr, saved_handlers = sys.stderr, list(logging.getLogger().handlers)
    sys.stderr = io.StringIO()
    try:
        ns["configure_redacted_logging"]()
        log = logging.getLogger("checkout")
        log.info("paid with %s using %s", " ".join(card[i:i + 4] for i in range(0, 16, 4)), key)
        log.warning("payload %s", {"cvv": "123", "order_id": "order-7"})
        try:
            raise ValueError(f"card {card} declined")
        except ValueError:
            log.exception("charge failed")
        written = sys.stderr.getvalue()
    finally:
        sys.stderr = saved_stderr
        logging.getLogger().handlers[:] = saved_handlers
    assert card not in written and card[:4] + " " not in written and key not in written and "'cvv': '123'" not in written, written
    assert f"[CARD ...{card[-4:]}]" in written and "ucp_test_[REDACTED]" in written and "order-7" in written, written
    assert "ValueError" in written, "the traceback is kept, redacted"
    redacted = ns["redact_sensitive"]({"authorization": "Bearer abc", "items": [card], "amount": 1250, "ts": 1712345678901})
    assert redacted == {"authorization": "[REDACTED]", "items": [f"[CARD ...{card[-4:]}]"], "amount": 1250, "ts": 1712345678901}, redacted


@check("aes-gcm")
def _():
    ns = load("ucanpay-aes-gcm")
    from cryptography.exceptions import InvalidTag

    with Env(DATA_ENCRYPTION_KEY=NODE["dataKey"]):
        assert ns["decrypt_field"](NODE["ciphertext"], NODE["aad"].encode()) == NODE["plaintext"], "reads what JavaScript wrote"
        mine = ns["encrypt_field"](NODE["plaintext"], NODE["aad"].encode())
        assert mine != ns["encrypt_field"](NODE["plaintext"], NODE["aad"].encode()), "a fresh nonce each time"
        tampered = bytearray(base64.b64decode(mine))
        tampered[14] ^= 1
        for payload, aad in ((base64.b64encode(bytes(tampered)).decode(), NODE["aad"].encode()), (mine, b"customer-2")):
            try:
                ns["decrypt_field"](payload, aad)
                raise AssertionError("tampered data or another context must not decrypt")
            except InvalidTag:
                pass
    with Env(DATA_ENCRYPTION_KEY=base64.b64encode(os.urandom(16)).decode()):
        try:
            ns["encrypt_field"]("x")
            raise AssertionError("a 128-bit key must be refused")
        except RuntimeError as error:
            assert "32 random bytes" in str(error)
    return {"ciphertext": mine}


@check("client")
def _():
    ns = load("ucanpay-refund")
    ns.update({k: v for k, v in load("ucanpay-payment-create").items() if k == "create_payment"})
    ns.update({k: v for k, v in load("ucanpay-payment-get").items() if k == "get_payment"})
    calls = []
    answers = []

    class FakeResponse:
        def __init__(self, status, body, headers=None):
            self.status_code = status
            self.headers = headers or {}
            self.content = json.dumps(body).encode()
            self._body = body

        def json(self):
            return self._body

    class FakeSession:
        def request(self, method, url, **kwargs):
            calls.append((method, url, kwargs))
            return answers.pop(0)

    # Every loaded copy shares the client's globals through its own namespace: patch each.
    for loaded in (ns, ns["create_payment"].__globals__, ns["get_payment"].__globals__):
        loaded["_ucanpay_http"] = FakeSession()
    stream, detach = capture_log("ucanpay")
    key = NODE["apiKey"]
    try:
        with Env(UCANPAY_API_KEY=None, UCANPAY_ENV=None):
            try:
                ns["get_payment"]("pay_1")
                raise AssertionError("no key must raise")
            except RuntimeError as error:
                assert "UCANPAY_API_KEY is not set" in str(error)
        with Env(UCANPAY_API_KEY=key, UCANPAY_ENV=None):
            answers[:] = [FakeResponse(429, {}, {"Retry-After": "0.01"}), FakeResponse(201, {"id": "pay_9"})]
            assert ns["create_payment"](1250, "pm_tok_1", "checkout-7-1", order_id="order-7") == {"id": "pay_9"}
            for bad in ((12.5, "pm", "k"), (True, "pm", "k"), (100, "pm", "")):
                try:
                    ns["create_payment"](*bad)
                    raise AssertionError(f"{bad} must be refused")
                except ValueError:
                    pass
            try:
                ns["get_payment"]("../account")
                raise AssertionError("a path must not pass as an id")
            except ValueError:
                pass
            answers[:] = [FakeResponse(201, {"id": "re_1"})]
            ns["refund_payment"]("pay_9", "refund-9-1", amount=250)
        with Env(UCANPAY_API_KEY=key, UCANPAY_ENV="live"):
            answers[:] = [FakeResponse(401, {"error": {"type": "authentication_error", "code": "invalid_api_key"}})]
            try:
                ns["get_payment"]("pay_1")
                raise AssertionError("401 must raise")
            except Exception as error:
                assert type(error).__name__ == "UCanPayError" and error.status == 401 and error.code == "invalid_api_key"
                assert key not in str(error)
    finally:
        detach()
    (m1, u1, k1), (_, _, k2), (m3, u3, k3), (m4, u4, _) = calls
    assert (m1, u1) == ("POST", "https://sandbox.ucanpay.com/v1/payments")
    assert k1["headers"]["Authorization"] == "Bearer " + key and k1["headers"]["Idempotency-Key"] == "checkout-7-1"
    assert k2["headers"]["Idempotency-Key"] == "checkout-7-1", "the retry reuses the key"
    assert k1["json"] == {"amount": 1250, "currency": "EUR", "payment_method": "pm_tok_1", "metadata": {"order_id": "order-7"}}
    assert k1["allow_redirects"] is False and k1["timeout"] == (5, 30) and "verify" not in k1
    assert (m3, u3, k3["json"], k3["headers"]["Idempotency-Key"]) == ("POST", "https://sandbox.ucanpay.com/v1/refunds", {"payment_id": "pay_9", "reason": "requested_by_customer", "amount": 250}, "refund-9-1")
    assert (m4, u4) == ("GET", "https://api.ucanpay.com/v1/payments/pay_1")
    logged = stream.getvalue()
    assert logged.count("ucanpay ") == 4 and key not in logged and "pm_tok_1" not in logged, logged


@check("error-handler-flask")
def _():
    ns = load("ucanpay-error-handler-flask")
    from flask import Flask

    app = Flask("check")
    ns["register_error_handler"](app)
    card, key = NODE["cardNumber"], NODE["apiKey"]

    @app.route("/pay")
    def pay():
        raise ValueError(f"card {card} cvv: 123 declined with {key}")

    stream, detach = capture_log(ns["__name__"])
    try:
        failed = app.test_client().get("/pay")
        missing = app.test_client().get("/nowhere")
    finally:
        detach()
    body = failed.get_json()
    assert failed.status_code == 500 and body["error"]["message"] == "Something went wrong. Please try again later.", body
    assert failed.headers["X-Correlation-Id"] == body["error"]["correlation_id"]
    assert card not in failed.get_data(as_text=True) and "ValueError" not in failed.get_data(as_text=True)
    assert missing.status_code == 404 and missing.get_json()["error"]["message"] == "The request could not be processed."
    logged = stream.getvalue()
    assert body["error"]["correlation_id"] in logged and "ValueError" in logged, logged
    assert card not in logged and key not in logged and "123 declined" not in logged, logged


@check("session-flask")
def _():
    ns = load("ucanpay-session")
    from flask import Flask, session

    app = Flask("check")
    with Env(FLASK_SECRET_KEY=None):
        try:
            ns["configure_secure_session"](app)
            raise AssertionError("no secret key must raise")
        except RuntimeError:
            pass
    with Env(FLASK_SECRET_KEY=NODE["sessionSecret"]):
        ns["configure_secure_session"](app)

    @app.route("/sign-in")
    def sign_in():
        ns["start_secure_session"]("user-1")
        return "ok"

    @app.route("/me")
    def me():
        return str(session.get("user_id"))

    client = app.test_client()
    cookie = client.get("/sign-in").headers["Set-Cookie"]
    for flag in ("__Host-session=", "Secure", "HttpOnly", "SameSite=Strict", "Path=/", "Expires="):
        assert flag in cookie, cookie
    assert client.get("/me").get_data(as_text=True) == "user-1"
    with client.session_transaction() as stored:
        stored["created_at"] = time.time() - 8 * 3600 - 60
    assert client.get("/me").get_data(as_text=True) == "None", "past the absolute lifetime the session is empty"
    assert app.config["PERMANENT_SESSION_LIFETIME"].total_seconds() == 15 * 60


@check("cookie")
def _():
    ns = load("ucanpay-cookie")
    from werkzeug.wrappers import Response

    response = Response("ok")
    ns["set_secure_cookie"](response, "__Host-cart", "c-1")
    ns["clear_secure_cookie"](response, "__Host-cart")
    set_cookie, cleared = response.headers.getlist("Set-Cookie")
    for flag in ("__Host-cart=c-1", "Secure", "HttpOnly", "SameSite=Strict", "Max-Age=1800", "Path=/"):
        assert flag in set_cookie, set_cookie
    for flag in ("Secure", "HttpOnly", "SameSite=Strict", "Max-Age=0"):
        assert flag in cleared, cleared


@check("error-handler-fastapi")
def _():
    ns = load("ucanpay-error-handler-fastapi")
    from fastapi import FastAPI
    from fastapi.testclient import TestClient
    from pydantic import BaseModel

    app = FastAPI()
    ns["install_error_handlers"](app)
    card = NODE["cardNumber"]

    class Charge(BaseModel):
        amount: int

    @app.post("/charge")
    def charge(body: Charge):
        raise ValueError(f"card {card} declined")

    # raise_server_exceptions: an error that reached the server (which logs it unredacted) would raise here.
    client = TestClient(app, raise_server_exceptions=True)
    stream, detach = capture_log(ns["__name__"])
    try:
        invalid = client.post("/charge", json={"amount": card + "x"})
        failed = client.post("/charge", json={"amount": 1})
        missing = client.get("/nowhere")
    finally:
        detach()
    assert invalid.status_code == 422 and card not in invalid.text, invalid.text
    assert invalid.json()["error"]["message"] == "The request could not be processed.", invalid.text
    assert failed.status_code == 500 and card not in failed.text and "ValueError" not in failed.text, failed.text
    assert failed.headers["X-Correlation-Id"] == failed.json()["error"]["correlation_id"]
    assert missing.status_code == 404 and missing.json()["error"]["message"] == "The request could not be processed."
    logged = stream.getvalue()
    assert failed.json()["error"]["correlation_id"] in logged and "ValueError" in logged and "body.amount" in logged, logged
    assert card not in logged, logged


json.dump(RESULTS, sys.stdout)
