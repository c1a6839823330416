"""`manage.py search_index replay|rebuild|status`."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from cms_pages.models import MatterPage

from ... import outbox
from ...backends import DatabaseBackend, OpenSearchBackend
from ...client import EngineUnavailable, breaker, engine_configured


class Command(BaseCommand):
    help = (
        "搜索索引：replay 补发待同步的更新；rebuild 重建索引（新建版本化索引后原子切换别名）；"
        "status 查看文档数。"
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["replay", "rebuild", "status"])
        parser.add_argument(
            "--backend", choices=["all", "database", "opensearch"], default="all",
            help="rebuild 时只重建某一个后端（默认都重建；未配置 OPENSEARCH_URL 时只有数据库）。",
        )  # fmt: skip
        parser.add_argument(
            "--every", type=int, metavar="秒",
            help="replay 时每隔若干秒重复执行，作为常驻的同步进程。",
        )  # fmt: skip

    def handle(self, *args, action, backend, every, **options):
        getattr(self, action)(backend=backend, every=every, verbosity=options["verbosity"])

    def replay(self, every, verbosity, **_):
        if not engine_configured():
            raise CommandError("未配置 OPENSEARCH_URL，没有需要补发的搜索引擎更新。")
        while True:
            breaker.reset()  # an operator asked: try the engine now
            total = outbox.pending().count()
            with tqdm(
                total=total, desc="补发索引更新", unit="项", disable=verbosity < 1 or None
            ) as bar:
                delivered, remaining = outbox.replay(progress=bar.update)
            self.stdout.write(f"已补发 {delivered} 项，仍待同步 {remaining} 项。")
            if every is None:
                if remaining:
                    raise CommandError("搜索引擎仍无法连接，未同步的更新已保留，稍后再试。")
                return
            time.sleep(every)

    def rebuild(self, backend, verbosity, **_):
        progress = verbosity >= 1
        if backend in ("all", "database"):
            started = time.perf_counter()
            count = DatabaseBackend().rebuild(progress=progress)
            self.stdout.write(
                f"数据库索引：{count} 个事项，用时 {time.perf_counter() - started:.1f} 秒。"
            )
        if backend in ("all", "opensearch"):
            if not engine_configured():
                if backend == "opensearch":
                    raise CommandError("未配置 OPENSEARCH_URL。")
                return
            started_at, started = timezone.now(), time.perf_counter()
            engine = OpenSearchBackend()
            try:
                count = engine.rebuild(progress=progress)
                again = outbox.after_rebuild(started_at)
            except EngineUnavailable as error:
                raise CommandError(
                    f"搜索引擎不可用，重建未完成，原索引保持不变：{error}"
                ) from error
            seconds = time.perf_counter() - started
            self.stdout.write(
                f"搜索引擎索引 {engine.current_index()}：{count} 个事项，用时 {seconds:.1f} 秒"
                f"（{count / seconds:.0f} 项/秒）；重建期间的 {again} 项更新已补发。"
            )

    def status(self, **_):
        live = MatterPage.objects.live().count()
        rows = [("已发布事项", live), ("数据库索引文档", DatabaseBackend().count())]
        if engine_configured():
            engine = OpenSearchBackend()
            try:
                index = engine.current_index()
                rows.append(("搜索引擎索引", index or "（尚未建立）"))
                rows.append(("搜索引擎文档", engine.count() if index else 0))
            except EngineUnavailable as error:
                rows.append(("搜索引擎", f"无法连接：{error}"))
            rows.append(("待同步更新", outbox.pending().count()))
        else:
            rows.append(("搜索引擎", "未配置（使用数据库检索）"))
        for label, value in rows:
            self.stdout.write(f"{label}：{value}")
