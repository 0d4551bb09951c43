import Foundation
import StoreModels
import StoreService

/// The Metrics tab: active devices per day as a stacked area (a band per channel, version or
/// architecture, the largest four and the rest as "other"), a y axis with a rounded scale, the
/// range's dates, a legend with the cursor day's figures, and that day in full. Bands are told
/// apart by colour, and by fill pattern without colour.
enum MetricsView {
    /// Below this many plot rows the chart is not drawn (the figures still are).
    static let minimumPlotRows = 3
    /// The y axis: a five-character label and its tick.
    static let axisWidth = 7

    static func render(_ state: AppState, _ package: PackageState, body: Rect, into canvas: inout Canvas, theme: Theme) {
        let metrics = package.metrics
        // What is drawn: the loaded figures (kept while others load), else what was asked for.
        let shown = metrics.figures.value
        let heading = "Active devices \((shown?.breakdown ?? metrics.breakdown).title) · last \(shown?.range.days ?? metrics.days) days"
            + (metrics.figures.isLoading && shown != nil ? " · loading…" : "")
        canvas.label(heading, x: 2, y: body.y, width: body.width - 4, style: theme.title)
        let keys = " d \(MetricsState.ranges.map(String.init).joined(separator: "/")) days · b breakdown · ←→ day "
        if SafeText(trusted: heading).width + SafeText(trusted: keys).width + 6 <= body.width {
            canvas.labelRight(keys, right: body.x + body.width, y: body.y, style: theme.dim)
        }
        if let (message, isError) = PackageView.placeholder(metrics.figures, what: "metrics") {
            canvas.text(message, x: 2, y: body.y + 2, width: body.width - 4, style: isError ? theme.error : theme.dim)
            return
        }
        guard let figures = metrics.figures.value else { return }
        let chart = MetricsChart(figures)
        guard !chart.isEmpty else {
            canvas.text("No device has installed, refreshed or downloaded \(package.name.rawValue) in these \(metrics.days) days.",
                        x: 2, y: body.y + 2, width: body.width - 4, style: theme.dim)
            return
        }
        let day = metrics.cursorDay(of: chart.days)
        let legend = legendLines(chart, day: day, width: body.width - 4, theme: theme)
        let plotRows = body.height - 1 - 2 - legend.count - 1
        let plot = Rect(x: body.x + axisWidth, y: body.y + 1, width: body.width - axisWidth - 2, height: plotRows)
        if plotRows >= minimumPlotRows, plot.width >= 8 {
            drawAxis(chart, plot: plot, into: &canvas, theme: theme)
            drawBands(chart, day: day, plot: plot, into: &canvas, theme: theme)
            drawDates(chart, plot: plot, y: plot.y + plot.height + 1, into: &canvas, theme: theme)
        }
        var y = body.y + body.height - legend.count - 1
        for line in legend {
            var x = 2
            for part in line {
                x += canvas.put(part.text, x: x, y: y, width: body.width - 2 - x, style: part.style)
            }
            y += 1
        }
        canvas.text(cursorLine(chart, figures: figures, day: day), x: 2, y: body.y + body.height - 1, width: body.width - 4, style: theme.text)
    }

    // MARK: Parts

    static func drawAxis(_ chart: MetricsChart, plot: Rect, into canvas: inout Canvas, theme: Theme) {
        let ticks = [(0, chart.scale), (plot.height / 2, chart.scale / 2), (plot.height - 1, 0)]
        for row in 0..<plot.height {
            let tick = ticks.first { $0.0 == row }
            if let tick {
                let label = MetricsChart.compact(tick.1)
                canvas.labelRight(label, right: plot.x - 2, y: plot.y + row, style: theme.dim)
            }
            canvas.label(tick == nil ? "│" : "┤", x: plot.x - 1, y: plot.y + row, width: 1, style: theme.border)
        }
        canvas.label("└" + String(repeating: "─", count: plot.width), x: plot.x - 1, y: plot.y + plot.height, width: plot.width + 1, style: theme.border)
    }

    static let eighths: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    static func drawBands(_ chart: MetricsChart, day cursor: Int, plot: Rect, into canvas: inout Canvas, theme: Theme) {
        let cursorColumns = chart.columns(ofDay: cursor, of: plot.width)
        let units = plot.height * 8
        for column in 0..<plot.width {
            let day = chart.day(atColumn: column, of: plot.width)
            let tops = chart.stack(day).map { eighthsOf($0, scale: chart.scale, units: units) }
            let isCursor = cursorColumns.contains(column)
            for row in 0..<plot.height {
                let bottom = (plot.height - 1 - row) * 8
                let y = plot.y + row
                let x = plot.x + column
                let total = tops.last ?? 0
                if total >= bottom + 8 {
                    let band = tops.firstIndex { $0 > bottom + 3 } ?? max(0, tops.count - 1)
                    let style = seriesStyle(band, chart, theme)
                    canvas.label(String(fill(band, chart, theme)), x: x, y: y, width: 1, style: isCursor ? style.adding(.bold) : style)
                } else if total > bottom {
                    let band = max(0, tops.count - 1)
                    canvas.label(String(eighths[total - bottom]), x: x, y: y, width: 1, style: seriesStyle(band, chart, theme))
                } else if isCursor {
                    canvas.label("┊", x: x, y: y, width: 1, style: theme.key)
                }
            }
        }
        for column in cursorColumns where column < plot.width {
            canvas.label("▲", x: plot.x + column, y: plot.y + plot.height, width: 1, style: theme.key)
        }
    }

    static func eighthsOf(_ value: Int, scale: Int, units: Int) -> Int {
        guard scale > 0 else { return 0 }
        return Int((Double(value) / Double(scale) * Double(units)).rounded())
    }

    static func seriesStyle(_ band: Int, _ chart: MetricsChart, _ theme: Theme) -> Style {
        let index = chart.bands[band].isOther ? theme.series.count - 1 : min(band, theme.series.count - 2)
        return theme.series[index]
    }

    static func fill(_ band: Int, _ chart: MetricsChart, _ theme: Theme) -> Character {
        let index = chart.bands[band].isOther ? theme.seriesFill.count - 1 : min(band, theme.seriesFill.count - 2)
        return theme.seriesFill[index]
    }

    static func drawDates(_ chart: MetricsChart, plot: Rect, y: Int, into canvas: inout Canvas, theme: Theme) {
        guard let first = chart.date(ofDay: 0), let last = chart.date(ofDay: chart.days - 1) else { return }
        let left = first.short, right = last.short
        canvas.label(left, x: plot.x, y: y, width: plot.width, style: theme.dim)
        if chart.days > 1, plot.width >= left.count + right.count + 2 {
            canvas.labelRight(right, right: plot.x + plot.width, y: y, style: theme.dim)
        }
        if chart.days > 2, plot.width >= 3 * (left.count + 4), let middle = chart.date(ofDay: chart.days / 2) {
            let text = middle.short
            let column = chart.columns(ofDay: chart.days / 2, of: plot.width).lowerBound
            canvas.label(text, x: plot.x + column - text.count / 2, y: y, width: text.count, style: theme.dim)
        }
    }

    /// One piece of a legend line.
    struct Part {
        var text: SafeText
        var style: Style
    }

    /// The legend, wrapped into at most two lines: each band's fill, label and figure on `day`.
    static func legendLines(_ chart: MetricsChart, day: Int, width: Int, theme: Theme) -> [[Part]] {
        var lines: [[Part]] = [[]]
        var used = 0
        for (index, band) in chart.bands.enumerated() {
            let label = SafeText(untrusted: band.label)
            let shown = label.width > 24 ? label.truncated(toWidth: 24) : label
            let figure = SafeText(trusted: " " + MetricsChart.compact(band.values[day]) + "   ")
            let pieceWidth = 2 + shown.width + figure.width
            if used > 0, used + pieceWidth > width {
                guard lines.count < 2 else { break }
                lines.append([])
                used = 0
            }
            lines[lines.count - 1] += [
                Part(text: SafeText(trusted: String(fill(index, chart, theme)) + " "), style: seriesStyle(index, chart, theme)),
                Part(text: shown, style: theme.text),
                Part(text: figure, style: theme.dim),
            ]
            used += pieceWidth
        }
        return lines
    }

    /// The cursor's day in full: `Tue 24 Nov 2026: 15,234 active devices · 1,020 requests · 88 downloads`.
    static func cursorLine(_ chart: MetricsChart, figures: PackageMetrics, day: Int) -> String {
        let date = chart.date(ofDay: day)?.long ?? "day \(day + 1)"
        func sum(_ values: (MetricsSeries) -> [Int]) -> Int {
            figures.series.reduce(0) { MetricsChart.adding($0, day < values($1).count ? max(0, values($1)[day]) : 0) }
        }
        let devices = chart.totals[day]
        return "\(date): \(MetricsChart.full(devices)) device\(devices == 1 ? "" : "s") · "
            + "\(MetricsChart.full(sum(\.requests))) requests · \(MetricsChart.full(sum(\.downloads))) downloads"
    }

}
