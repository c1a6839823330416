"""`manage.py search_index replay|rebuild|status`."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext
from tqdm import tqdm

from cms_pages.models import MatterPage

from ... import outbox
from ...backends import DatabaseBackend, OpenSearchBackend
from ...client import EngineUnavailable, breaker, engine_configured


class Command(BaseCommand):
    help = gettext(
        "搜索索引：replay 补发待同步的更新；rebuild 重建索引（新建版本化索引后原子切换别名）；"
        "status 查看文档数。"
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["replay", "rebuild", "status"])
        parser.add_argument(
            "--backend", choices=["all", "database", "opensearch"], default="all",
            help=gettext(
                "rebuild 时只重建某一个后端（默认都重建；未配置 OPENSEARCH_URL 时只有数据库）。"
            ),
        )  # fmt: skip
        parser.add_argument(
            "--every", type=int, metavar=gettext("秒"),
            help=gettext("replay 时每隔若干秒重复执行，作为常驻的同步进程。"),
        )  # fmt: skip

    def handle(self, *args, action, backend, every, **options):
        getattr(self, action)(backend=backend, every=every, verbosity=options["verbosity"])

    def replay(self, every, verbosity, **_):
        if not engine_configured():
            raise CommandError(gettext("未配置 OPENSEARCH_URL，没有需要补发的搜索引擎更新。"))
        while True:
            breaker.reset()  # an operator asked: try the engine now
            total = outbox.pending().count()
            with tqdm(
                total=total,
                desc=gettext("补发索引更新"),
                unit=gettext("项"),
                disable=verbosity < 1 or None,
            ) as bar:
                delivered, remaining = outbox.replay(progress=bar.update)
            self.stdout.write(
                gettext("已补发 %(delivered)s 项，仍待同步 %(remaining)s 项。")
                % {"delivered": delivered, "remaining": remaining}
            )
            if every is None:
                if remaining:
                    raise CommandError(
                        gettext("搜索引擎仍无法连接，未同步的更新已保留，稍后再试。")
                    )
                return
            time.sleep(every)

    def rebuild(self, backend, verbosity, **_):
        progress = verbosity >= 1
        if backend in ("all", "database"):
            started = time.perf_counter()
            count = DatabaseBackend().rebuild(progress=progress)
            self.stdout.write(
                gettext("数据库索引：%(count)s 个事项，用时 %(n)s 秒。")
                % {"count": count, "n": format(time.perf_counter() - started, ".1f")}
            )
        if backend in ("all", "opensearch"):
            if not engine_configured():
                if backend == "opensearch":
                    raise CommandError(gettext("未配置 OPENSEARCH_URL。"))
                return
            started_at, started = timezone.now(), time.perf_counter()
            engine = OpenSearchBackend()
            try:
                count = engine.rebuild(progress=progress)
                again = outbox.after_rebuild(started_at)
            except EngineUnavailable as error:
                raise CommandError(
                    gettext("搜索引擎不可用，重建未完成，原索引保持不变：%(error)s")
                    % {"error": error}
                ) from error
            seconds = time.perf_counter() - started
            self.stdout.write(
                gettext(
                    "搜索引擎索引 %(value)s：%(count)s 个事项，用时 %(seconds)s 秒（%(n)s 项/秒）；"
                    "重建期间的 %(again)s 项更新已补发。"
                )
                % {
                    "value": engine.current_index(),
                    "count": count,
                    "seconds": format(seconds, ".1f"),
                    "n": format(count / seconds, ".0f"),
                    "again": again,
                }
            )

    def status(self, **_):
        live = MatterPage.objects.live().count()
        rows = [
            (gettext("已发布事项"), live),
            (gettext("数据库索引文档"), DatabaseBackend().count()),
        ]
        if engine_configured():
            engine = OpenSearchBackend()
            try:
                index = engine.current_index()
                rows.append((gettext("搜索引擎索引"), index or gettext("（尚未建立）")))
                rows.append((gettext("搜索引擎文档"), engine.count() if index else 0))
            except EngineUnavailable as error:
                rows.append(
                    (gettext("搜索引擎"), gettext("无法连接：%(error)s") % {"error": error})
                )
            rows.append((gettext("待同步更新"), outbox.pending().count()))
        else:
            rows.append((gettext("搜索引擎"), gettext("未配置（使用数据库检索）")))
        for label, value in rows:
            self.stdout.write(f"{label}：{value}")
