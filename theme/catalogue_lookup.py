"""Remembered message lookups for the active language.

A Chinese page's msgids are its own text, so nearly every lookup misses: Django then walks
the language's merged catalogues and a chain of a dozen third-party "zh" fallbacks for each
of the ~300 labels a matter page shows. The answer for a msgid never changes while the
translation object lives (Django builds a new one when catalogues are reloaded), so each
object keeps the answers it gave.
"""

from django.utils.translation import trans_real

# msgids are the source's literal labels; the bound only guards against text fed in as a msgid.
MAX_REMEMBERED = 20_000


def remember_lookups(code):
    catalogue = trans_real.translation(code)
    if getattr(catalogue, "remembers_lookups", False):
        return
    look_up = catalogue.gettext
    answers = {}

    def gettext(message):
        answer = answers.get(message)
        if answer is None:
            answer = look_up(message)
            if len(answers) < MAX_REMEMBERED:
                answers[message] = answer
        return answer

    catalogue.gettext = gettext
    catalogue.remembers_lookups = True
