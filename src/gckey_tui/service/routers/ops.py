"""Operator endpoints: ``/metrics`` (Prometheus text) and ``/health/ready``. This router also runs the mail
sender for a served worker's lifespan."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse

from gckey_tui.api import models as m
from gckey_tui.service import metrics
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import get_context
from gckey_tui.service.flows import operations as flow
from gckey_tui.service.outbox_sender import outbox_lifespan

router = APIRouter(tags=["operations"], lifespan=outbox_lifespan)


@router.get("/metrics", response_class=Response, responses={200: {"content": {"text/plain": {}}}})
def prometheus_metrics(context: ServiceContext = Depends(get_context)) -> Response:
    """Requests by route and status with latency histograms, sign-ins by outcome, locks, codes, mail
    deliveries, shed requests, and the outbox's depth and oldest age."""
    body = metrics.exposition(lambda: flow.store_gauges(context))
    return Response(body, media_type="text/plain; version=0.0.4; charset=utf-8")


@router.get("/health/ready", response_model=m.Readiness, responses={503: {"model": m.Readiness}})
def ready(request: Request, context: ServiceContext = Depends(get_context)) -> JSONResponse:
    """200 when the store answers and this process delivers mail; 503 otherwise (take it out of rotation)."""
    sender = getattr(request.app.state, "sender", None)
    state = flow.readiness(context, sender is not None and sender.alive)
    answer = m.Readiness(
        status="ready" if state.ready else "unavailable",
        store="ok" if state.depth is not None else "unavailable",
        mail_sender="running" if state.sender_running else "stopped",
        outbox_messages=state.depth.waiting if state.depth else None,
        outbox_oldest_age_seconds=state.depth.oldest_seconds if state.depth else None,
    )
    return JSONResponse(answer.model_dump(mode="json"), status_code=200 if state.ready else 503)
