//! The typed model of both forms.

mod application;
mod enums;
mod schedule;
mod summary;

pub use application::{
    Applicant, Application, Contact, Featured, Funding, PreviousClass, SelfFunded, Topics,
};
pub use enums::{ApplicantKind, FundingCategory, Level, Mode, TopicScope};
pub use schedule::Schedule;
pub use summary::{Reporter, Summary, Totals};
