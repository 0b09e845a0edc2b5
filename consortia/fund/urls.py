"""A partnership's pooled fund under partnerships/<uuid:uuid>/fund/ (every view there
receives the partnership's uuid)."""

from django.urls import path

from . import views

app_name = "fund"

R = "requests/<uuid:request_uuid>/"

urlpatterns = [
    path("", views.fund_overview, name="overview"),
    path("set-up/", views.fund_set_up, name="set_up"),
    path("budget/", views.budget_lines, name="budget"),
    path("budget/new/", views.budget_line_create, name="budget_line_create"),
    path("income/new/", views.income_record, name="income_record"),
    path("transactions/", views.transaction_list_page, name="transactions"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("requests/", views.request_list_page, name="requests"),
    path("requests/new/", views.request_create, name="request_create"),
    path(R, views.request_detail, name="request"),
    path(f"{R}submit/", views.request_submit, name="request_submit"),
    path(f"{R}withdraw/", views.request_withdraw, name="request_withdraw"),
    path(f"{R}approve/", views.request_approve, name="request_approve"),
    path(f"{R}reject/", views.request_reject, name="request_reject"),
    path(f"{R}poll/", views.request_decision_open, name="request_decision_open"),
    path(f"{R}pay/", views.request_pay, name="request_pay"),
    path(f"{R}reconcile/", views.request_reconcile, name="request_reconcile"),
    path(f"{R}receipt/", views.receipt_download, name="receipt"),
]
