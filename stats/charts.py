"""Charts drawn on the server as SVG: bars with their numbers written beside them, so that
they read without colour, and nothing is loaded from anywhere."""

from collections.abc import Iterable

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

ROW = 26  # px a bar takes
LABEL = 150  # px for the labels on the left
WIDTH = 560


def bar_chart(title: str, rows: Iterable[tuple[str, int | float, str]]) -> SafeString:
    """Horizontal bars: (label, value, the value as written), longest to scale."""
    rows = list(rows)
    if not rows:
        return format_html('<p class="empty">{}: nothing yet.</p>', title)
    top = max(value for _, value, _ in rows) or 1
    span = WIDTH - LABEL - 90
    bars = format_html_join(
        "",
        '<g transform="translate(0,{})"><text x="{}" y="17" text-anchor="end">{}</text>'
        '<rect x="{}" y="4" width="{}" height="18" rx="2"></rect>'
        '<text x="{}" y="17" class="value">{}</text></g>',
        (
            (
                i * ROW,
                LABEL - 8,
                label,
                LABEL,
                f"{length:.0f}",
                f"{LABEL + length + 6:.0f}",
                written,
            )
            for i, (label, length, written) in enumerate(
                (label, span * value / top, written) for label, value, written in rows
            )
        ),
    )
    return format_html(
        '<figure><figcaption>{}</figcaption><svg role="img" aria-label="{}" viewBox="0 0 {} {}"'
        ' width="{}" height="{}">{}</svg></figure>',
        title, title, WIDTH, len(rows) * ROW, WIDTH, len(rows) * ROW, bars,
    )  # fmt: skip


def share_chart(title: str, part: int, whole: int) -> SafeString:
    """One bar, filled to the share `part` is of `whole`, with the share written out."""
    share = part / whole if whole else 0.0
    written = f"{part} of {whole} copies ({share:.0%})"
    return format_html(
        '<figure><figcaption>{}</figcaption><svg role="img" aria-label="{}: {}" '
        'viewBox="0 0 {} 30" width="{}" height="30"><rect class="whole" x="0" y="4" width="{}" '
        'height="18" rx="2"></rect><rect x="0" y="4" width="{}" height="18" rx="2"></rect>'
        '</svg><p class="value">{}</p></figure>',
        title, title, written, WIDTH, WIDTH, WIDTH, f"{WIDTH * share:.0f}", written,
    )  # fmt: skip
