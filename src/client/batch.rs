//! JSON-RPC batch requests: the requests one URL endpoint is sent side by side (a walk sends dozens at once) are gathered
//! and sent as one JSON array, up to [`MAX_BATCH`] at a time, where the endpoint answers batches; an endpoint that answers
//! a batch with anything but a list is sent one request at a time from then on. Pure: the HTTP POST is the caller's
//! ([`Post`]: `fetch` in the browser, an in-memory endpoint in tests).
//!
//! Every request keeps its own answer and error ([`Transport::request`]'s contract, retries included): an item's JSON-RPC
//! error is that item's; a batch that times out or fails fails each of its requests (each is then retried, batched again);
//! an answer that leaves a request out fails that one; a batch whose answer is over the transport's bound, or that the
//! endpoint refuses, fails each of its requests with a network error, and they are retried one at a time (the endpoint is
//! sent no batch again).

use super::transport::{json_rpc_answer, json_rpc_result, request_body, Transport, TransportError};
use serde_json::Value;
use std::cell::RefCell;
use std::future::{poll_fn, Future};
use std::task::{Poll, Waker};

/// The most requests in one batch (public providers cap batches at 50–1,000 requests; some count each request against a
/// rate limit, so a batch is kept small).
pub const MAX_BATCH: usize = 32;

/// An endpoint reached by HTTP POST.
pub trait Post {
    /// POSTs `body` (a JSON-RPC request, or a batch of them) and returns the answer's body, bounded by the transport
    /// ([`TransportError::TooLarge`] past the bound).
    fn post(&self, body: String) -> impl Future<Output = Result<Vec<u8>, TransportError>>;
    /// Waits `ms` milliseconds.
    fn sleep(&self, ms: u64) -> impl Future<Output = ()>;
}

/// One request of a batcher.
struct Slot {
    id: u64,
    /// Its JSON-RPC request object, as text.
    body: String,
    state: SlotState,
    /// The task waiting for its answer.
    waker: Option<Waker>,
}

enum SlotState {
    /// Waiting to be sent.
    Queued,
    /// In a batch on its way.
    Sent,
    /// Its answer.
    Done(Result<Value, TransportError>),
}

#[derive(Default)]
struct State {
    next_id: u64,
    /// Every request in flight, in the order sent.
    slots: Vec<Slot>,
    /// The endpoint answered a batch with something else than a list: one request at a time since.
    alone: bool,
}

impl State {
    /// Sets the state of request `id`, if it is still `Sent`, and wakes its task.
    fn settle(&mut self, id: u64, state: SlotState) {
        if let Some(slot) = self.slots.iter_mut().find(|slot| slot.id == id && matches!(slot.state, SlotState::Sent)) {
            slot.state = state;
            if let Some(w) = slot.waker.take() {
                w.wake();
            }
        }
    }
}

/// A [`Transport`] over a [`Post`] endpoint that batches the requests it is sent side by side.
pub struct Batcher<P> {
    /// The endpoint.
    pub post: P,
    state: RefCell<State>,
}

impl<P> std::fmt::Debug for Batcher<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Batcher")
    }
}

/// Removes a request when its future ends or is dropped; the requests of the batch it was sending, if it is dropped before
/// the answer arrived, fail with a network error (and are retried).
struct Guard<'a> {
    state: &'a RefCell<State>,
    id: u64,
    /// The batch this request is sending.
    sending: Vec<u64>,
}

impl Drop for Guard<'_> {
    fn drop(&mut self) {
        let Ok(mut s) = self.state.try_borrow_mut() else { return };
        for id in std::mem::take(&mut self.sending) {
            s.settle(id, SlotState::Done(Err(TransportError::Network("its batch was abandoned".into()))));
        }
        if let Some(at) = s.slots.iter().position(|slot| slot.id == self.id) {
            s.slots.swap_remove(at);
        }
    }
}

/// The answers to a batch, by id: `None` when the body is not a JSON array (the endpoint refused the batch).
///
/// # Examples
/// ```
/// use zkbridge_light::client::batch::batch_answers;
/// let got = batch_answers(br#"[{"id":2,"result":"0x2"},{"id":1,"error":{"code":3,"message":"reverted"}}]"#).unwrap();
/// assert_eq!(got.len(), 2);
/// assert!(batch_answers(br#"{"error":{"code":-32600,"message":"batch not supported"}}"#).is_none());
/// ```
pub fn batch_answers(body: &[u8]) -> Option<Vec<(u64, Result<Value, TransportError>)>> {
    let text = std::str::from_utf8(body).ok()?;
    let Ok(Value::Array(items)) = serde_json::from_str::<Value>(text) else { return None };
    Some(
        items
            .into_iter()
            .filter_map(|item| {
                let id = item.get("id")?.as_u64()?;
                Some((id, json_rpc_answer(item)))
            })
            .collect(),
    )
}

impl<P: Post> Batcher<P> {
    /// A batcher over `post`.
    pub fn new(post: P) -> Self {
        Self { post, state: RefCell::new(State::default()) }
    }

    /// Sends the requests `ids` (marked `Sent`) as one JSON array and hands out each one's answer.
    async fn send(&self, ids: &[u64]) {
        let mut text = String::from("[");
        for slot in self.state.borrow().slots.iter().filter(|slot| ids.contains(&slot.id)) {
            if text.len() > 1 {
                text.push(',');
            }
            text.push_str(&slot.body);
        }
        text.push(']');
        let answer = self.post.post(text).await;
        let answers = answer.as_ref().ok().and_then(|bytes| batch_answers(bytes));
        let mut s = self.state.borrow_mut();
        // Refused (not a list) or over the bound: no batch to this endpoint again, and each request fails with a network
        // error, so that it is retried, on its own.
        if matches!((&answer, &answers), (Ok(_), None) | (Err(TransportError::TooLarge(_)), _)) {
            s.alone = true;
        }
        for id in ids {
            let r = match (&answer, &answers) {
                (Ok(_), Some(answers)) => answers.iter().find(|(k, _)| k == id).map_or_else(
                    || Err(TransportError::Network("the batch's answer left this request out".into())),
                    |(_, r)| r.clone(),
                ),
                (Ok(_), None) | (Err(TransportError::TooLarge(_)), _) => {
                    Err(TransportError::Network("the endpoint does not answer batches: sent alone from now on".into()))
                }
                (Err(e), _) => Err(e.clone()),
            };
            s.settle(*id, SlotState::Done(r));
        }
    }
}

impl<P: Post> Transport for Batcher<P> {
    fn request(&self, method: &str, params: Value) -> impl Future<Output = Result<Value, TransportError>> {
        let id = {
            let mut s = self.state.borrow_mut();
            s.next_id = s.next_id.wrapping_add(1);
            s.next_id
        };
        let body = request_body(id, method, &params);
        async move {
            let alone = self.state.borrow().alone;
            let mut guard = Guard { state: &self.state, id, sending: Vec::new() };
            // The request sent on its own: to an endpoint that answers no batches, or when no other request was sent beside it.
            let lone = if alone {
                Some(body)
            } else {
                self.state.borrow_mut().slots.push(Slot { id, body, state: SlotState::Queued, waker: None });
                // Once, back to the executor: every request sent in this same pass joins the queue first.
                let mut yielded = false;
                poll_fn(|cx| {
                    if yielded {
                        return Poll::Ready(());
                    }
                    yielded = true;
                    cx.waker().wake_by_ref();
                    Poll::Pending
                })
                .await;
                // Still queued: this request sends a batch, the requests queued before it first and itself. Else another
                // request took it into its batch: its answer is waited for.
                let mut s = self.state.borrow_mut();
                if s.slots.iter().any(|slot| slot.id == id && matches!(slot.state, SlotState::Queued)) {
                    for slot in &mut s.slots {
                        if matches!(slot.state, SlotState::Queued) && (slot.id == id || guard.sending.len() < MAX_BATCH - 1) {
                            slot.state = SlotState::Sent;
                            guard.sending.push(slot.id);
                        }
                    }
                }
                match guard.sending.as_slice() {
                    [_] => {
                        guard.sending.clear();
                        s.slots.iter_mut().find(|slot| slot.id == id).map(|slot| std::mem::take(&mut slot.body))
                    }
                    _ => None,
                }
            };
            if let Some(body) = lone {
                return json_rpc_result(&self.post.post(body).await?);
            }
            if !guard.sending.is_empty() {
                let batch = guard.sending.clone();
                self.send(&batch).await;
                guard.sending.clear();
            }
            poll_fn(|cx| {
                let mut s = self.state.borrow_mut();
                let Some(slot) = s.slots.iter_mut().find(|slot| slot.id == id) else {
                    return Poll::Ready(Err(TransportError::Network("lost".into())));
                };
                match &mut slot.state {
                    SlotState::Done(r) => Poll::Ready(std::mem::replace(r, Ok(Value::Null))),
                    _ => {
                        slot.waker = Some(cx.waker().clone());
                        Poll::Pending
                    }
                }
            })
            .await
        }
    }

    fn sleep(&self, ms: u64) -> impl Future<Output = ()> {
        self.post.sleep(ms)
    }
}
