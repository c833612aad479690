from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from home.account import account_sections


@login_required
def account_home(request):
    """ "My account": the hub that each capability adds a section to."""
    return render(request, "home/account_home.html", {"sections": account_sections(request)})
