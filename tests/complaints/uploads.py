"""Files for upload tests, made on the fly."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def png(name="photo.png", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def jpeg(name="photo.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 90, 200)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def pdf(name="receipt.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def disguised_script(name="photo.png"):
    return SimpleUploadedFile(name, b"<script>alert(1)</script>", content_type="image/png")


def truncated_png(name="broken.png"):
    data = png().read()
    return SimpleUploadedFile(name, data[:40], content_type="image/png")


def oversized_pdf(limit, name="big.pdf"):
    body = PDF[:-6] + b"0" * (limit + 1 - len(PDF)) + b"%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")
