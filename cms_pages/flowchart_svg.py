"""Draw a Flow as SVG with Graphviz `dot`, cached; fall back to the text version when it can't.

The cache key is a hash of everything drawn (the DOT source, title and description), so each
revision that changes the procedure gets its own drawing and unchanged revisions reuse it.
A drawing that failed is remembered for FAILURE_SECONDS, so a page that cannot be drawn does
not start a `dot` per request; and at most FLOWCHART_MAX_PROCESSES `dot` processes run at once
on a host (lock files shared by every worker), the rest wait or fall back to the text.
"""

import fcntl
import hashlib
import logging
import re
import subprocess
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from html import escape as html_escape
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .flowchart import CORRECTION_DAYS, Days, Flow, critical_summary

logger = logging.getLogger(__name__)

FORMAT_VERSION = "3"  # bump when the drawing changes, so cached SVGs are redrawn
CACHE_SECONDS = 30 * 24 * 3600
FAILURE_SECONDS = 300
FAILED = "failed"
# Pasted Excel text brings control characters; XML (and so Graphviz's HTML-like labels and
# the SVG) cannot carry them, nor lone surrogates or U+FFFE/U+FFFF.
_NOT_XML = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
FONT = "Noto Sans CJK SC"
# Inline SVG text is laid out by the reader's browser; fall back to the usual system CJK fonts.
FONT_STACK = f"'{FONT}','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif"
LINE_CHARS = 9
CLOSING = "）)】」』，。、；：！？"
INK, MUTED, BRAND, WARN, STOP = "#1a1a1a", "#4a4a4a", "#0b4ea2", "#8a4b00", "#a11d1d"


class FlowchartUnavailable(Exception):
    pass


class FlowchartBusy(FlowchartUnavailable):
    """Every `dot` slot stayed taken: nothing wrong with the drawing, so it is not remembered."""


def escape(text):
    """Text for SVG or a Graphviz HTML-like label: what XML cannot carry becomes a space."""
    return html_escape(_NOT_XML.sub(" ", str(text)))


def label_text(text):
    """Text for a Graphviz label: backslashes doubled so `\\N` or `\\G` is shown as typed
    instead of being replaced by the node or graph name."""
    return escape(text).replace("\\", "\\\\")


def _lines(text, width=LINE_CHARS):
    """Wrap into balanced lines; closing punctuation never starts a line."""
    if not text:
        return [""]
    count = -(-len(text) // width)
    size = -(-len(text) // count)
    lines = [text[i : i + size] for i in range(0, len(text), size)]
    for i in range(1, len(lines)):
        while lines[i] and lines[i][0] in CLOSING:
            lines[i - 1] += lines[i][0]
            lines[i] = lines[i][1:]
    return [line for line in lines if line] or [""]


def _label(title, *details, bold=True):
    """An HTML-like Graphviz label: the name (wrapped), then smaller detail lines.

    One table row per line: plain <BR/> lines overlap with CJK fonts' tall line boxes.
    """
    rows = [label_text(line) for line in _lines(title)]
    if bold:
        rows = [f"<B>{row}</B>" for row in rows]
    rows += [f'<FONT POINT-SIZE="11" COLOR="{MUTED}">{label_text(d)}</FONT>' for d in details if d]
    cells = "".join(f"<TR><TD>{row}</TD></TR>" for row in rows)
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{cells}</TABLE>>'


def _step_attrs(step):
    if step.special:
        note = _("计入时限") if step.counts else _("不计入时限")
        return (
            f"label={_label(step.name, step.days_label + ' · ' + note)} "
            f'style="rounded,dashed,filled" fillcolor="#fff4e0" color="{WARN}"'
        )
    return f"label={_label(step.name, step.actor[:24], step.days_label)}"


class _Dot:
    """Accumulates DOT statements; node ids are n0, n1, … in drawing order."""

    def __init__(self):
        self.lines = [
            "digraph flowchart {",
            f'graph [rankdir=TB nodesep=0.3 ranksep=0.3 fontname="{FONT}" fontsize=12 '
            f'fontcolor="{INK}" bgcolor="white" pad=0.1];',
            f'node [shape=box style="rounded,filled" fillcolor="#eef4fb" color="{BRAND}" '
            f'fontcolor="{INK}" fontname="{FONT}" fontsize=13 margin="0.14,0.06" penwidth=1.2];',
            f'edge [color="{MUTED}" arrowsize=0.7 penwidth=1.1];',
        ]
        self.count = 0

    def node(self, attrs):
        node_id = f"n{self.count}"
        self.count += 1
        self.lines.append(f"{node_id} [{attrs}];")
        return node_id

    def edges(self, tails, head, attrs=""):
        self.lines += [f"{tail} -> {head} [{attrs}];" for tail in tails]

    def keep_order(self, ids):
        """Hint that nodes of one rank stay in the given order, left to right.

        Invisible edges that don't constrain ranks: a rank=same subgraph would pull the
        nodes out of their branch clusters.
        """
        if len(ids) > 1:
            self.lines.append(f"{' -> '.join(ids)} [style=invis constraint=false];")

    def source(self):
        return "\n".join([*self.lines, "}"])


def to_dot(flow):
    dot = _Dot()
    previous = []
    for index, stage in enumerate(flow.stages):
        if not stage.is_parallel:
            node = dot.node(_step_attrs(stage.step))
            dot.edges(previous, node)
            previous = [node]
            if stage.side_exits:
                _side_exits(dot, node)
            continue
        dot.lines.append(f'subgraph cluster_p{index} {{ style="rounded,dashed" color="{BRAND}";')
        fork = dot.node(
            f"label={_label(stage.name, _('以下同时办理'))} "
            f'style="rounded,filled,bold" fillcolor="#dce8f7"'
        )
        # An edge written inside a cluster would pull its tail into the cluster.
        tails, firsts, previous = previous, [], []
        for number, branch in enumerate(stage.branches):
            named = not branch.is_single_named_step
            if named:
                dot.lines.append(
                    f"subgraph cluster_p{index}_{number} {{ label={_label(branch.office)} "
                    f'labeljust=l style="rounded" color="{MUTED}";'
                )
            ids = [dot.node(_step_attrs(step)) for step in branch.steps]
            for tail, head in zip(ids, ids[1:], strict=False):
                dot.edges([tail], head)
            if named:
                dot.lines.append("}")
            dot.edges([fork], ids[0])
            firsts.append(ids[0])
            previous.append(ids[-1])
        dot.keep_order(firsts)
        dot.lines.append("}")
        dot.edges(tails, fork)
    return dot.source()


def _side_exits(dot, accept):
    within = _("%(n)s个工作日内") % {"n": CORRECTION_DAYS}
    correction = dot.node(
        f'label={_label(_("补正"), within, _("一次性告知"))} fillcolor="#fff4e0" color="{WARN}"'
    )
    refusal = dot.node(
        f"label={_label(_('不予受理'), _('可申请复议'), _('或提起诉讼'))} "
        f'fillcolor="#fdeeee" color="{STOP}"'
    )
    dot.edges([accept], correction, f'style=dashed color="{WARN}"')
    dot.edges([accept], refusal, f'style=dashed color="{STOP}"')
    dot.lines.append(f"{{rank=same; {accept}; {correction} -> {refusal} [style=invis];}}")


@contextmanager
def dot_slot():
    """One of FLOWCHART_MAX_PROCESSES host-wide slots for a `dot` process, waiting at most
    FLOWCHART_TIMEOUT seconds for one to come free."""
    limit = getattr(settings, "FLOWCHART_MAX_PROCESSES", 2)
    folder = Path(getattr(settings, "FLOWCHART_SLOT_DIR", None) or tempfile.gettempdir())
    folder.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + getattr(settings, "FLOWCHART_TIMEOUT", 10)
    while True:
        for number in range(limit):
            handle = open(folder / f"onevisit-dot-{number}.lock", "a")  # noqa: SIM115
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                continue
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
                handle.close()
            return
        if time.monotonic() > deadline:
            raise FlowchartBusy(f"all {limit} dot slots busy")
        time.sleep(0.05)


def _run_dot(source):
    binary = getattr(settings, "FLOWCHART_DOT", "dot")
    try:
        with dot_slot():
            result = subprocess.run(
                [binary, "-Tsvg"], input=source.encode(), capture_output=True, check=False,
                timeout=getattr(settings, "FLOWCHART_TIMEOUT", 10),
            )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as error:
        raise FlowchartUnavailable(f"{binary}: {error}") from error
    if result.returncode != 0 or b"<svg" not in result.stdout:
        message = result.stderr.decode(errors="replace")[:300]
        raise FlowchartUnavailable(f"{binary} exited {result.returncode}: {message}")
    return result.stdout.decode()


def _accessible(svg, title, description, uid):
    """Inline-ready SVG: no prolog or Graphviz ids/titles, our own <title> and <desc>."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<!--.*?-->\s*", "", svg, flags=re.S)
    svg = re.sub(r"<title>.*?</title>\s*", "", svg, flags=re.S)
    svg = re.sub(r' id="[^"]*"', "", svg)
    svg = svg.replace(f'font-family="{FONT}"', f'font-family="{FONT_STACK}"')
    head_end = svg.index(">") + 1
    return (
        svg[:4]
        + f' role="img" aria-labelledby="{uid}-t" aria-describedby="{uid}-d" class="flowchart-svg"'
        + svg[4:head_end]
        + f'\n<title id="{uid}-t">{escape(title)}</title>'
        + f'\n<desc id="{uid}-d">{escape(description)}</desc>'
        + svg[head_end:]
    )


def render_svg(flow, title, description):
    """The SVG markup for a flow, from the cache when this exact drawing was made before."""
    source = to_dot(flow)
    digest = hashlib.sha256(
        "\0".join((FORMAT_VERSION, source, title, description)).encode("utf-8", "surrogatepass")
    ).hexdigest()
    key = f"flowchart:{digest}"
    svg = cache.get(key)
    if svg == FAILED:
        raise FlowchartUnavailable("failed recently; not retried yet")
    if svg is None:
        try:
            svg = _accessible(_run_dot(source), title, description, f"fc-{digest[:8]}")
        except FlowchartBusy:
            raise
        except FlowchartUnavailable:
            cache.set(key, FAILED, FAILURE_SECONDS)
            raise
        cache.set(key, svg, CACHE_SECONDS)
    return svg


@dataclass
class Flowchart:
    """What a page shows for a procedure: the drawing when it can be made, and its text."""

    title: str
    flow: object
    description: str
    promised: Days | None = None  # a matter's promised time limit

    @property
    def longest(self):
        """Promised time limit plus the special steps that don't count toward it."""
        return self.promised + self.critical.excluded_total

    @cached_property
    def critical(self):
        return self.flow.critical_path()

    @cached_property
    def svg(self):
        try:
            return mark_safe(render_svg(self.flow, self.title, self.description))
        except FlowchartUnavailable as error:
            logger.warning("flowchart not drawn (%s): %s", self.title, error)
            return None

    @property
    def notice(self):
        if self.svg is not None:
            return ""
        return _("流程图暂时无法生成，请参阅下面的文字版办理流程。")


def matter_flowchart(matter):
    flow = Flow.from_procedure(matter.procedure, matter.time_unit)
    return Flowchart(
        title=_("%(title)s办理流程图") % {"title": matter.title},
        flow=flow,
        description=flow.summary() + critical_summary(flow.critical_path()),
        promised=Days.of(matter.promised_days, matter.time_unit),
    )


def svg_response(flowchart):
    """`…/flowchart.svg`: the drawing alone, or 503 with the reason when it cannot be drawn."""
    if flowchart.svg is None:
        response = HttpResponse(
            flowchart.notice, status=503, content_type="text/plain; charset=utf-8"
        )
        response["Retry-After"] = "300"
        return response
    response = HttpResponse(flowchart.svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response
