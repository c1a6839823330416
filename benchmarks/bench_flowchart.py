"""Flowchart rendering: a 30-step procedure with 3 parallel stages, cold (Graphviz) and cached."""

import os
import statistics
import time

from benchmarks import Figure

RUNS = 20


def procedure(variant):
    """30 steps: 3 parallel stages of 3 branches × 2 steps, 10 ordinary, 2 special."""

    def step(name, days):
        return {"name": f"{name}{variant}", "actor": "窗口", "days": days, "description": ""}

    def stage(number):
        branches = [
            {"office": f"第{number}轮部门{b}", "steps": [step(f"审查{number}{b}{i}", i + 1)
                                                      for i in range(2)]}
            for b in range(3)
        ]  # fmt: skip
        return {
            "type": "parallel",
            "value": {"name": f"第{number}轮并联审批", "branches": branches},
        }

    blocks = [
        {"type": "step", "value": step(name, 1)} for name in ("申请", "受理", "材料审查", "初审")
    ]
    for number in range(1, 4):
        blocks.append(stage(number))
        blocks.append({"type": "step", "value": step(f"汇总意见{number}", 1)})
    blocks.append({"type": "special", "value": {"name": "现场核查", "days": 5,
                   "day_unit": "工作日", "counts_toward_limit": False}})  # fmt: skip
    blocks.append({"type": "special", "value": {"name": "公示", "days": 7,
                   "day_unit": "自然日", "counts_toward_limit": False}})  # fmt: skip
    blocks += [{"type": "step", "value": step(name, 1)} for name in ("决定", "制证", "送达")]
    return blocks


def run(context):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.core.cache import cache

    from cms_pages.blocks import ProcedureBlock
    from cms_pages.flowchart import Flow
    from cms_pages.flowchart_svg import render_svg

    flows = [
        Flow.from_procedure(ProcedureBlock().to_python(procedure(v)), "工作日") for v in range(RUNS)
    ]
    assert flows[0].step_count == 30 and len(flows[0].parallel_stages) == 3
    cache.clear()
    cold, cached = [], []
    for flow in flows:  # every variant is new to the cache: Graphviz runs each time
        started = time.perf_counter()
        render_svg(flow, "基准流程图", flow.summary())
        cold.append((time.perf_counter() - started) * 1000)
    for _ in range(10):
        for flow in flows:
            started = time.perf_counter()
            render_svg(flow, "基准流程图", flow.summary())
            cached.append((time.perf_counter() - started) * 1000)
    return [
        Figure("flowchart", "render 30 steps, 3 parallel stages: cold (median)",
               f"{statistics.median(cold):.1f} ms", "≤ 100 ms"),
        Figure("flowchart", "render 30 steps, 3 parallel stages: cached (median)",
               f"{statistics.median(cached):.2f} ms", "≤ 2 ms"),
    ]  # fmt: skip
