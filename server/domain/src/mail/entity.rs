use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox_emails")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub partner_id: Option<i32>,
    pub to_address: String,
    pub from_name: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    pub attempts: i32,
    pub last_error: Option<String>,
    /// The brand's own sender address, when it has one.
    pub from_address: Option<String>,
    /// The brand's support address: replies go there.
    pub reply_to: Option<String>,
    /// The instance holding the message while it sends, and until when.
    pub lease_owner: Option<String>,
    pub lease_until: Option<DateTimeUtc>,
    /// `None`: due now. Set after a failed attempt.
    pub next_attempt_at: Option<DateTimeUtc>,
    /// Set when the sender gave up.
    pub failed_at: Option<DateTimeUtc>,
    /// One attached file (an invoice PDF), stored with the message so the mail carries
    /// exactly what was current when it was written.
    pub attachment_name: Option<String>,
    pub attachment_type: Option<String>,
    pub attachment: Option<Vec<u8>>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
