import Metrics

/// Tiendo's own counters, named in one place. Each is announced at zero when `/metrics` is set up, so the first
/// scrape already lists it: an operator's alert on "households imported" or "mails failed" sees 0, not a series
/// that does not exist until the first import or the first failure.
public enum AppMetrics {
    static var householdsImported: Counter { Counter(label: "tiendo_households_imported_total") }
    static var noticesDelivered: Counter { Counter(label: "tiendo_notices_delivered_total") }
    static var mailsSent: Counter { Counter(label: "tiendo_mails_sent_total") }
    static var mailsFailed: Counter { Counter(label: "tiendo_mails_failed_total") }
    static var noticeRuns: Counter { Counter(label: "tiendo_notice_runs_total") }

    /// Makes every counter known to the metrics system at zero (after `MetricsSystem.bootstrap`).
    public static func announce() {
        for counter in [householdsImported, noticesDelivered, mailsSent, mailsFailed, noticeRuns] { counter.increment(by: 0) }
    }
}
