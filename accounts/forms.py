from django import forms
from django.utils.translation import gettext_lazy as _

TOKEN_HELP = _("打开手机上的身份验证器应用（如 Microsoft Authenticator、Google 身份验证器、"
               "FreeOTP），输入“一次办好”显示的6位数字。")  # fmt: skip


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("6位验证码"), regex=r"^\s*[0-9]{6}\s*$", max_length=12, help_text=TOKEN_HELP,
        error_messages={"invalid": _("验证码是6位数字。")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )  # fmt: skip

    def __init__(self, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        if self.device is None or not self.device.verify_is_allowed()[0]:
            raise forms.ValidationError(_("验证码错误次数过多，请稍等片刻再试。"))
        if not self.device.verify_token(token):
            raise forms.ValidationError(_("验证码不正确或已过期，请输入应用中当前显示的验证码。"))
        return token
