"""The zip of files a department sends beside its sheet: blank forms, samples, result samples.

A sheet cell names a file by its name alone: folders inside the zip are ignored, and the
match ignores case and full-/half-width (`申请表.DOCX` finds `表格/申请表.docx`). Windows
writes Chinese member names in GBK without the UTF-8 flag, so such names are decoded as
GBK (GB18030) when they are not UTF-8. The whole zip is refused, with nothing imported, when
it is not a zip, when a member name climbs out of the folder (`../`, an absolute path),
and when the sheet reader's limits are exceeded (total and compression ratio, the zip-bomb
guard), as well as per-member size and member count. Members of other types than the
allowed ones are never used: a cell naming one gets a warning.
"""

import hashlib
import io
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.utils.translation import gettext as _

ALLOWED_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png", ".ofd",
                    ".wps")  # fmt: skip
UTF8_FLAG = 0x800


class ArchiveError(ValueError):
    """The zip as a whole cannot be used; nothing of the import is written."""


@dataclass(frozen=True)
class Member:
    name: str  # the file name as the department wrote it, without folders
    info: zipfile.ZipInfo

    @property
    def allowed(self):
        return PurePosixPath(self.name).suffix.lower() in ALLOWED_SUFFIXES


def file_key(name):
    """For matching a cell to a member only: no folders, width and case aside."""
    base = unicodedata.normalize("NFKC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return base.strip().casefold()


def member_name(info):
    """The member's path as the zip's author typed it."""
    if info.flag_bits & UTF8_FLAG:
        return info.filename
    raw = info.filename.encode("cp437")  # how zipfile decoded the bytes it was given
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _limit(name):
    return settings.IMPORTERS_LIMITS[name]


def _megabytes(size):
    return format(size / 1048576, ".1f")


class Archive:
    """Members of an uploaded zip by file_key, checked before anything is read from it."""

    def __init__(self, data, name=""):
        self.name = name
        self._hashes = {}
        if len(data) > _limit("max_bytes"):
            raise ArchiveError(
                _("附件压缩包 %(n)s MB，超过 %(cap)s MB 的上限。")
                % {"n": _megabytes(len(data)), "cap": _megabytes(_limit("max_bytes"))}
            )
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError):
            raise ArchiveError(
                _("附件“%(name)s”不是有效的 zip 压缩包（也不接受 rar、7z）。") % {"name": name}
            ) from None
        self.members = {}
        files = [info for info in infos if not info.is_dir()]
        if len(files) > _limit("max_attachments"):
            raise ArchiveError(
                _("附件压缩包里有 %(n)s 个文件，超过 %(cap)s 个的上限。")
                % {"n": len(files), "cap": _limit("max_attachments")}
            )
        total = 0
        for info in files:
            path = member_name(info)
            self._check(info, path)
            total += info.file_size
            key = file_key(path)
            if key in self.members:
                raise ArchiveError(
                    _("附件压缩包里有两个同名文件“%(name)s”，无法确定表格指的是哪一个。")
                    % {"name": PurePosixPath(path).name}
                )
            self.members[key] = Member(path.replace("\\", "/").rsplit("/", 1)[-1], info)
        if total > _limit("max_decompressed_bytes"):
            raise ArchiveError(
                _("附件压缩包解压后 %(n)s MB，超过 %(cap)s MB 的上限。")
                % {"n": _megabytes(total), "cap": _megabytes(_limit("max_decompressed_bytes"))}
            )

    @staticmethod
    def _check(info, path):
        parts = path.replace("\\", "/").split("/")
        if path.startswith(("/", "\\")) or ":" in parts[0] or ".." in parts:
            raise ArchiveError(
                _("附件压缩包中的“%(path)s”指向压缩包以外的位置，已拒绝整个压缩包。")
                % {"path": path[:80]}
            )
        if info.file_size > _limit("max_attachment_bytes"):
            raise ArchiveError(
                _("附件压缩包中的“%(path)s”有 %(n)s MB，单个文件不能超过 %(cap)s MB。")
                % {
                    "path": path[:80],
                    "n": _megabytes(info.file_size),
                    "cap": _megabytes(_limit("max_attachment_bytes")),
                }
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1048576 and ratio > _limit("max_compression_ratio"):
            raise ArchiveError(
                _("附件压缩包中的“%(path)s”压缩比 %(ratio)s 倍，疑似压缩炸弹，已拒绝。")
                % {"path": path[:80], "ratio": format(ratio, ".0f")}
            )

    def __len__(self):
        return len(self.members)

    def find(self, name):
        return self.members.get(file_key(name))

    def read(self, member):
        """The member's bytes, never more than its declared size (a lying header is refused)."""
        cap = member.info.file_size
        try:
            with self._zip.open(member.info) as stream:
                data = stream.read(cap + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
            raise ArchiveError(
                _("附件压缩包中的“%(name)s”已损坏或已加密，无法读取。") % {"name": member.name}
            ) from None
        if len(data) > cap:
            raise ArchiveError(
                _("附件压缩包中的“%(name)s”实际大小与声明不符，已拒绝。") % {"name": member.name}
            )
        return data

    def sha1(self, member):
        """The content hash Wagtail keeps for documents (file_hash), for deduplication."""
        if member.name not in self._hashes:
            self._hashes[member.name] = hashlib.sha1(self.read(member)).hexdigest()  # noqa: S324
        return self._hashes[member.name]
