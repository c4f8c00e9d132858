"""The instructor's class report: read submissions, regrade them, tabulate, chart, write HTML.

    collect   submissions folder -> accepted documents + skipped files with reasons
    tables    accepted documents -> pandas tables (regraded against today's answer key)
    charts    tables -> matplotlib figures (written as SVG/PNG by sourcelab.figures)
    build     all of it as one ClassReport: summary, charts, a self-contained HTML page
    demo      synthetic submissions with typical mistakes, for previews and benchmarks
"""
from .collect import Collected, Skipped, collect_submissions
from .tables import ClassTables, build_tables

__all__ = ["ClassTables", "Collected", "Skipped", "build_tables", "collect_submissions"]
