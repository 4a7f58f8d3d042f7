"""Posting files to imports/ in tests, and running the queued job at once."""

import io
import zipfile
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def upload(content: bytes, name: str = "export.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def post_import(client, source: str, content: bytes, name: str = "file", **fields: Any):
    data = {"source": source, "file": upload(content, name)}
    data.update({k: str(v).lower() if isinstance(v, bool) else v for k, v in fields.items()})
    return client.post("/api/v1/imports/", data, format="multipart")


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def csv_text(header: list[str], *rows: list[Any]) -> bytes:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()
