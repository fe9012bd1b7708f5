extension ReportRenderer {
    /// The page's style sheet: a 960-pixel column; tables and wide formulas scroll sideways,
    /// code wraps, figures fill the column and open at full resolution.
    static let css = """
    body{margin:0;background:#fafafa;color:#222;font:15px/1.55 "DejaVu Sans",system-ui,sans-serif}
    main{max-width:960px;margin:0 auto;padding:24px 28px 64px;background:#fff;box-shadow:0 0 12px #0001}
    h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.3em;margin-top:1.6em}h3{font-size:1.1em}
    .meta{color:#666;font-size:.85em}
    .warning{background:#fff4e5;border-left:4px solid #e69f00;padding:8px 12px}
    .cell{border:1px solid #ddd;border-radius:6px;margin:14px 0}
    .cellhead{display:flex;flex-wrap:wrap;gap:10px;align-items:center;padding:6px 10px;background:#f3f5f8;border-bottom:1px solid #ddd;border-radius:6px 6px 0 0;font-size:.85em}
    .cellid{font-weight:bold;font-family:"DejaVu Sans Mono",monospace}
    .badge{padding:1px 8px;border-radius:10px;background:#e8f1fb;color:#0b4f8a}
    .badge.cached{background:#eef6ee;color:#2b6a2b}.badge.stale{background:#fff4e5;color:#8a5300}.badge.failed{background:#fdecea;color:#a12b20}
    pre{margin:0;padding:10px 12px;font:13px/1.45 "DejaVu Sans Mono",monospace;white-space:pre-wrap;overflow-wrap:anywhere}
    pre.source{background:#fbfbfd}
    details.fold>summary{padding:4px 12px}
    .output,figure{margin:0;padding:8px 12px;border-top:1px dashed #e3e3e3}
    .name{font-size:.8em;color:#666;font-family:"DejaVu Sans Mono",monospace}
    figure img{display:block;width:100%;height:auto}
    figure a.unzoom{display:none;font-size:.8em}
    figure:target{overflow-x:auto}figure:target img{width:auto;max-width:none}figure:target a.unzoom{display:inline}
    figcaption{font-size:.9em;color:#333;margin-top:6px}
    .scroll{overflow-x:auto;max-width:100%}
    table{border-collapse:collapse;margin:6px 0;font-size:.9em}
    th,td{border-bottom:1px solid #e5e5e5;padding:3px 10px;text-align:left;vertical-align:top}
    td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.pm{white-space:nowrap;font-variant-numeric:tabular-nums}
    code{font-family:"DejaVu Sans Mono",monospace;font-size:.92em;background:#f3f3f3;padding:0 3px;border-radius:3px}
    pre code{background:none;padding:0}
    math{font-family:"Latin Modern Math","STIX Two Math","DejaVu Math TeX Gyre","Cambria Math",math;font-size:1.08em}math[display=block]{margin:.6em 0;overflow-x:auto;overflow-y:hidden}
    code.tex{color:#8a5300}
    .footnotes{font-size:.88em;border-top:1px solid #e5e5e5;margin-top:1em}
    .provenance{margin-top:2.5em;font-size:.9em}
    details{margin:4px 0}summary{cursor:pointer;color:#0b4f8a;font-size:.85em}
    """
}
