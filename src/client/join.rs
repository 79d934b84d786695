//! Reads run side by side on one thread (the JS event loop, or a test's executor). Each read is a boxed task that writes
//! its result into a slot its caller owns, and one loop polls the tasks in turn: a single function for every read the
//! client makes side by side (measured: futures-util's `try_join_all` at the client's call sites cost 20 KB of the gzipped
//! `.wasm`, a join generic over each result type 8 KB).

use crate::error::ClientError;
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::Poll;

/// A read in flight, writing its result where its caller said.
pub type Task<'a> = Pin<Box<dyn Future<Output = Result<(), ClientError>> + 'a>>;

/// `tasks` polled side by side until all are done, or the first error (the others are then dropped unfinished).
///
/// # Errors
/// The first error a task returns.
///
/// # Examples
/// ```
/// use zkbridge_light::client::join::{run_all, Task};
/// let (mut a, mut b) = (0, 0);
/// let tasks: Vec<Task<'_>> = vec![Box::pin(async { a = 1; Ok(()) }), Box::pin(async { b = 2; Ok(()) })];
/// let all = run_all(tasks);
/// # drop(all);
/// ```
pub async fn run_all(tasks: Vec<Task<'_>>) -> Result<(), ClientError> {
    let mut tasks: Vec<Option<Task<'_>>> = tasks.into_iter().map(Some).collect();
    poll_fn(move |cx| {
        let mut running = false;
        for slot in &mut tasks {
            if let Some(task) = slot {
                match task.as_mut().poll(cx) {
                    Poll::Ready(Ok(())) => *slot = None,
                    Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                    Poll::Pending => running = true,
                }
            }
        }
        if running {
            Poll::Pending
        } else {
            Poll::Ready(Ok(()))
        }
    })
    .await
}
