"""Complaint attachments: judged by their content, never by name or declared type, kept
outside the public media folder, and handed only to people who may see the case."""

import io
import os
import secrets
import zlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "GIF": ("image/gif", "gif"),
    "WEBP": ("image/webp", "webp"),
}
SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"RIFF")
# Decompression bombs: a small PNG can claim a gigapixel canvas.
MAX_PIXELS = 40_000_000


class AttachmentError(ValueError):
    pass


class PrivateStorage(FileSystemStorage):
    """COMPLAINTS_FILE_ROOT, read on every use so a changed setting takes effect."""

    @property
    def base_location(self):
        return str(settings.COMPLAINTS_FILE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def private_storage():
    return PrivateStorage(base_url=None)


def max_bytes():
    return settings.COMPLAINTS_ATTACHMENTS["max_bytes"]


def inspect(upload):
    """(kind, content type, extension) of an uploaded file, or AttachmentError in Chinese."""
    if upload.size > max_bytes():
        raise AttachmentError(
            _("文件“%(name)s”超过 %(mb)s MB，请压缩后再上传。")
            % {"name": upload.name[:60], "mb": max_bytes() // (1024 * 1024)}
        )
    if upload.size == 0:
        raise AttachmentError(_("文件“%(name)s”是空文件。") % {"name": upload.name[:60]})
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return _check_pdf(upload)
    if head.startswith(SIGNATURES):
        return _check_image(upload)
    raise AttachmentError(
        _("文件“%(name)s”不是图片（JPG、PNG、GIF、WebP）或 PDF，无法上传。")
        % {"name": upload.name[:60]}
    )


def _check_image(upload):
    data = upload.read()
    upload.seek(0)
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in IMAGE_FORMATS:
                raise UnidentifiedImageError(image.format)
            if image.width * image.height > MAX_PIXELS:
                raise AttachmentError(_("图片尺寸过大，请缩小后再上传。"))
            image.verify()
            content_type, extension = IMAGE_FORMATS[image.format]
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, zlib.error) as error:
        if isinstance(error, AttachmentError):
            raise
        raise AttachmentError(
            _("图片“%(name)s”已损坏或格式不受支持。") % {"name": upload.name[:60]}
        ) from None
    return "image", content_type, extension


def _check_pdf(upload):
    upload.seek(max(upload.size - 1024, 0))
    tail = upload.read()
    upload.seek(0)
    if b"%%EOF" not in tail:
        raise AttachmentError(_("PDF 文件“%(name)s”不完整或已损坏。") % {"name": upload.name[:60]})
    return "pdf", "application/pdf", "pdf"


def store(case, upload, inspected):
    """Save under a random name: the uploaded file name may itself be personal data."""
    from .models import Attachment

    kind, content_type, extension = inspected
    upload.seek(0)
    attachment = Attachment(case=case, kind=kind, content_type=content_type, size=upload.size)
    attachment.file.save(
        f"{secrets.token_hex(16)}.{extension}", ContentFile(upload.read()), save=False
    )
    attachment.save()
    return attachment
