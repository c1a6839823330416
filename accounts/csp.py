"""One Content-Security-Policy for the public site, a looser one for the Wagtail admin.

The public templates carry no inline script, style or handler, so the site's policy allows
only files from this host. Wagtail's own admin templates still write small inline scripts
(inline panels, date pickers) and style attributes: only under /admin/ are those allowed.
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/admin/"
ADMIN_DIRECTIVES = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
}


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and parts.replace is None:
            parts.replace = ADMIN_DIRECTIVES
        return parts
