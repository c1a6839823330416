"""Look at a poster the way a phone camera in the hall would, and decode what it sees."""

import pypdfium2
import zxingcpp
from PIL import Image, ImageFilter

CAMERA_DPI = 100


def camera_view(page, rotation=4):
    """The page at ~100 dpi, slightly out of focus and held a few degrees off straight."""
    image = page.render(scale=CAMERA_DPI / 72).to_pil().convert("L")
    image = image.filter(ImageFilter.GaussianBlur(radius=1.2))
    return image.rotate(rotation, resample=Image.BICUBIC, expand=True, fillcolor=255)


def decode_pages(pdf_bytes):
    """The QR texts found on each page of the PDF, one list per page."""
    document = pypdfium2.PdfDocument(pdf_bytes)
    try:
        return [
            [result.text for result in zxingcpp.read_barcodes(camera_view(page, 3 + i % 3))
             if result.format == zxingcpp.BarcodeFormat.QRCode]
            for i, page in enumerate(document)
        ]  # fmt: skip
    finally:
        document.close()


def page_texts(pdf_bytes):
    """Each page's text, its lines joined (a long matter name spans two lines)."""
    document = pypdfium2.PdfDocument(pdf_bytes)
    try:
        return [page.get_textpage().get_text_range().replace("\r\n", "") for page in document]
    finally:
        document.close()
