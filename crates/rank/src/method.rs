//! The seam every aggregation method plugs into.
//!
//! A [`Method`] computes an [`Outcome`] — per-item scores or a tiered order — from a
//! [`Profile`]; [`Method::aggregate`] turns it into a [`Consensus`] through the one shared
//! function [`Consensus::from_outcome`], so ties and the tie-break are the same everywhere (the
//! shape of tantivy's `Collector`: the method finds, the shared code assembles). A method can also
//! explain one item: per list, what that list contributed.

use crate::consensus::{Consensus, Outcome};
use crate::explain::{Contribution, Explanation};
use crate::profile::{ItemId, Profile};
use crate::RankError;

/// A rank-aggregation method.
pub trait Method: Send + Sync {
    /// Short machine name (`borda`, `schulze`, …).
    fn name(&self) -> &'static str;

    /// The parameters this instance runs with, as `(name, value)` pairs, for the report.
    fn parameters(&self) -> Vec<(String, String)> {
        Vec::new()
    }

    /// Computes per-item scores or a tiered order.
    fn outcome(&self, profile: &Profile) -> Result<Outcome, RankError>;

    /// Runs the method and assembles the consensus.
    fn aggregate(&self, profile: &Profile) -> Result<Consensus, RankError> {
        let outcome = self.outcome(profile)?;
        Ok(Consensus::from_outcome(
            profile,
            self.name(),
            self.parameters(),
            outcome,
        ))
    }

    /// What each list contributed to `item`. The default gives each list's rank and no numeric
    /// contribution; positional methods report points, pairwise methods wins and losses.
    fn explain(&self, profile: &Profile, item: ItemId) -> Result<Explanation, RankError> {
        Explanation::per_list(profile, self.name(), item, |_, _| Contribution::None)
    }
}

impl<M: Method + ?Sized> Method for Box<M> {
    fn name(&self) -> &'static str {
        (**self).name()
    }
    fn parameters(&self) -> Vec<(String, String)> {
        (**self).parameters()
    }
    fn outcome(&self, profile: &Profile) -> Result<Outcome, RankError> {
        (**self).outcome(profile)
    }
    fn aggregate(&self, profile: &Profile) -> Result<Consensus, RankError> {
        (**self).aggregate(profile)
    }
    fn explain(&self, profile: &Profile, item: ItemId) -> Result<Explanation, RankError> {
        (**self).explain(profile, item)
    }
}
