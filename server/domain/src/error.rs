//! Turning infrastructure failures into the product's one error type.
//!
//! `AppError` lives in `model` and `DbErr` in SeaORM, so a `From` impl is not allowed
//! here (orphan rule); services write `.map_err(db_error)?` instead.

use model::AppError;
use sea_orm::DbErr;

/// A database error: connection trouble is `Unavailable`, everything else is a bug or a
/// broken invariant, logged in full and reported to the caller only by reference.
pub fn db_error(err: DbErr) -> AppError {
    match err {
        DbErr::Conn(_) | DbErr::ConnectionAcquire(_) => {
            tracing::error!(error = %err, "database unavailable");
            AppError::unavailable("The database is not answering. Try again in a moment.")
        }
        other => internal(other),
    }
}

/// Logs an unexpected failure and returns an `Internal` error carrying a reference the
/// operator can find in the log.
pub fn internal(err: impl std::fmt::Display) -> AppError {
    let reference = uuid::Uuid::now_v7().simple().to_string()[20..].to_owned();
    tracing::error!(%reference, error = %err, "internal error");
    AppError::Internal { reference }
}
