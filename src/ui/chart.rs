//! Draws a [`Plot`] (geometry from `domain::chart`) as inline SVG. No chart library.

use leptos::prelude::*;

use dtbd_domain::chart::Plot;

fn n(x: f64) -> String {
    format!("{x:.1}")
}

/// One chart, with its title as caption and its summary for screen readers.
#[component]
pub fn PlotView(plot: Plot) -> impl IntoView {
    let Plot { width, height, title, summary, lines, rects, dots, labels } = plot;
    let label = format!("{title}. {summary}");
    view! {
        <figure class="chart">
            <figcaption>{title.clone()}</figcaption>
            <svg viewBox=format!("0 0 {} {}", n(width), n(height)) role="img" aria-label=label class="chart-svg">
                {lines.into_iter().map(|l| view! {
                    <line x1=n(l.x1) y1=n(l.y1) x2=n(l.x2) y2=n(l.y2) class=l.class></line>
                }).collect_view()}
                {rects.into_iter().map(|r| view! {
                    <rect x=n(r.x) y=n(r.y) width=n(r.w) height=n(r.h) class=r.class><title>{r.title}</title></rect>
                }).collect_view()}
                {dots.into_iter().map(|d| view! {
                    <circle cx=n(d.x) cy=n(d.y) r="5" class=d.class><title>{d.title}</title></circle>
                }).collect_view()}
                {labels.into_iter().map(|t| view! {
                    <text x=n(t.x) y=n(t.y) text-anchor=t.anchor.svg() class=t.class>{t.text}</text>
                }).collect_view()}
            </svg>
            <p class="chart-summary">{summary}</p>
        </figure>
    }
}
