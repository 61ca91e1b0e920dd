"""Errors the API answers with: always JSON ``{"error": {"status", "code", "message"}}`` and a 4xx/5xx
status, so a client can show the reason. Also the two pure-ASGI guards every request passes through: the
request-body size limit and the security headers (the web page loads nothing from outside)."""
from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from khabar.errors import InputError, KhabarError


class ApiError(Exception):
    """An error with an HTTP status, a short stable ``code`` and a human ``message``."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def error_body(status: int, code: str, message: str, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"status": status, "code": code, "message": message}
    body.update(extra)
    return {"error": body}


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None,
                   **extra: Any) -> JSONResponse:
    return JSONResponse(error_body(status, code, message, **extra), status_code=status, headers=headers)


_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type"}


def _describe_validation(err: RequestValidationError) -> tuple[str, list[dict[str, Any]]]:
    details = []
    parts = []
    for e in err.errors():
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body")]
        where = ".".join(loc) or "request"
        parts.append(f"{where}: {e.get('msg', 'invalid')}")
        details.append({"field": where, "problem": e.get("msg", "invalid")})
    return "; ".join(parts) or "invalid request", details


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, headers=exc.headers)

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError) -> JSONResponse:
        return error_response(400, "bad_input", str(exc))

    @app.exception_handler(KhabarError)
    async def _khabar_error(request: Request, exc: KhabarError) -> JSONResponse:
        # a library error that is not the client's fault (missing model, store unavailable)
        return error_response(500, "khabar_error", str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        return error_response(500, "internal_error", f"unexpected {type(exc).__name__}; see the server log")

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        message, details = _describe_validation(exc)
        return error_response(422, "invalid_parameters", message, details=details)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such endpoint: {request.url.path}"
        return error_response(exc.status_code, code, message, headers=getattr(exc, "headers", None))


class BodyTooLarge(Exception):
    pass


class BodySizeLimit:
    """Refuses request bodies above ``max_bytes`` with 413, from ``Content-Length`` before reading and
    while streaming for chunked uploads (so a huge body is never held in memory)."""

    def __init__(self, app, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    return await self._reject(send, 400, "bad_request", "Content-Length is not a number")
                if declared > self.max_bytes:
                    return await self._reject(send, 413, "too_large", self._message(declared))
        received = 0
        started = False

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge()
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._reject(send, 413, "too_large", self._message(received))

    def _message(self, size: int) -> str:
        return f"request body of {size:,}+ bytes is larger than the limit of {self.max_bytes:,} bytes"

    @staticmethod
    async def _reject(send, status: int, code: str, message: str) -> None:
        response = error_response(status, code, message)
        await send({"type": "http.response.start", "status": status, "headers": response.raw_headers})
        await send({"type": "http.response.body", "body": response.body})


# The page and its assets come from this server only; article text is never executed or styled.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Adds a strict Content-Security-Policy and friends to every response."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + _SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, with_headers)
