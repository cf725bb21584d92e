//! [`Durations`]: a sample of durations kept whole, so that percentiles are
//! exact and two samples merge into the sample of both (S1).

use serde::{Deserialize, Serialize};

/// A sample of durations in seconds, kept sorted, with nearest-rank percentiles.
///
/// The sample is kept whole rather than summarized so that the report of two
/// periods merged has exactly the percentiles of the report over both
/// (S1, S3).
///
/// # Percentiles
///
/// The `p`-th percentile is the nearest-rank one: the value at rank
/// `⌈p / 100 × n⌉` (from 1) of the `n` sorted durations, always one of the
/// durations measured. The median is the 50th percentile, so of an even
/// number of durations it is the lower middle one, not an average.
///
/// # Example
///
/// ```
/// use complaint_workflow::report::Durations;
///
/// let sample = Durations::from_seconds([600, 60, 3_600, 120]);
/// assert_eq!(sample.seconds(), &[60, 120, 600, 3_600]);
/// assert_eq!(sample.median(), Some(120)); // rank ⌈0.5 × 4⌉ = 2
/// assert_eq!(sample.p90(), Some(3_600)); // rank ⌈0.9 × 4⌉ = 4
/// assert_eq!(Durations::default().median(), None);
/// assert!(Durations::default().is_empty() && !sample.is_empty());
/// assert_eq!(sample.len(), 4);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "Vec<i64>", into = "Vec<i64>")]
pub struct Durations {
    seconds: Vec<i64>,
}

impl Durations {
    /// A sample of these durations, in seconds, in any order.
    pub fn from_seconds(seconds: impl IntoIterator<Item = i64>) -> Self {
        let mut seconds: Vec<i64> = seconds.into_iter().collect();
        seconds.sort_unstable();
        Self { seconds }
    }

    /// The durations in seconds, shortest first.
    #[must_use]
    pub fn seconds(&self) -> &[i64] {
        &self.seconds
    }

    /// How many durations the sample holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.seconds.len()
    }

    /// Whether the sample is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.seconds.is_empty()
    }

    /// The nearest-rank `percent`-th percentile, in seconds (`percent` above
    /// 100 counts as 100; 0 gives the shortest); `None` for an empty sample.
    #[must_use]
    pub fn percentile(&self, percent: u8) -> Option<i64> {
        let n = self.seconds.len();
        let rank = (usize::from(percent.min(100)) * n).div_ceil(100).max(1);
        self.seconds.get(rank - 1).copied()
    }

    /// The arithmetic mean in seconds, rounded to the nearest second (a half
    /// away from zero); `None` for an empty sample.
    ///
    /// ```
    /// use complaint_workflow::report::Durations;
    ///
    /// assert_eq!(Durations::from_seconds([60, 120, 600, 3_600]).mean(), Some(1_095));
    /// assert_eq!(Durations::from_seconds([1, 2]).mean(), Some(2)); // 1.5
    /// assert_eq!(Durations::from_seconds([-1, -2]).mean(), Some(-2)); // -1.5
    /// assert_eq!(Durations::default().mean(), None);
    /// ```
    #[must_use]
    pub fn mean(&self) -> Option<i64> {
        let count = i128::try_from(self.seconds.len()).ok().filter(|&n| n > 0)?;
        let sum: i128 = self.seconds.iter().map(|&s| i128::from(s)).sum();
        let (quotient, remainder) = (sum / count, sum % count);
        let rounded = if 2 * remainder.abs() >= count {
            quotient + sum.signum()
        } else {
            quotient
        };
        i64::try_from(rounded).ok()
    }

    /// The median (nearest rank): the lower middle duration of an even count.
    #[must_use]
    pub fn median(&self) -> Option<i64> {
        self.percentile(50)
    }

    /// The 90th percentile (nearest rank).
    #[must_use]
    pub fn p90(&self) -> Option<i64> {
        self.percentile(90)
    }

    /// The sample of both, in one linear pass over the two sorted samples.
    #[must_use]
    pub fn merge(self, other: Durations) -> Durations {
        let mut merged = Vec::with_capacity(self.seconds.len() + other.seconds.len());
        let mut left = self.seconds.into_iter().peekable();
        let mut right = other.seconds.into_iter().peekable();
        loop {
            let next = match (left.peek(), right.peek()) {
                (Some(a), Some(b)) if a <= b => left.next(),
                (Some(_) | None, Some(_)) => right.next(),
                (Some(_), None) => left.next(),
                (None, None) => break,
            };
            merged.extend(next);
        }
        Durations { seconds: merged }
    }

    /// Adds one duration; the caller sorts once at the end with [`Self::sort`].
    pub(super) fn push_unsorted(&mut self, seconds: i64) {
        self.seconds.push(seconds);
    }

    /// Sorts after [`Self::push_unsorted`].
    pub(super) fn sort(&mut self) {
        self.seconds.sort_unstable();
    }
}

impl From<Vec<i64>> for Durations {
    fn from(seconds: Vec<i64>) -> Self {
        Durations::from_seconds(seconds)
    }
}

impl From<Durations> for Vec<i64> {
    fn from(durations: Durations) -> Self {
        durations.seconds
    }
}
