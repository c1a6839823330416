"""Where the apps built on cms_pages add to its pages, so that cms_pages imports none of them.

Each app registers from its AppConfig.ready():
- a route under a page type (posters: a matter's poster.pdf and poster.png);
- a section: a template the page's own template includes at a named place (reform: the
  batches that changed a matter; posters: the scan figures on the statistics page);
- a page type allowed under a cms_pages page (reform: the 改革批次 index under the home page).
A page renders without whatever no installed app registered.
"""

from collections import defaultdict

from django.urls import path

_routes = defaultdict(list)
_sections = defaultdict(list)


def add_route(page_model, pattern, view, name):
    """`view(request, page, **kwargs)` answers `<page url><pattern>` for every page_model."""

    def page_view(page, request, *args, **kwargs):
        return view(request, page, *args, **kwargs)

    _routes[page_model].append(path(pattern, page_view, name=name))


def routes(page_model):
    """The routes registered for page_model and its base classes."""
    return tuple(route for model in page_model.__mro__ for route in _routes.get(model, ()))


def add_section(page_model, place, template_name):
    _sections[page_model, place].append(template_name)


def sections(page):
    """{place: [template name, …]} for the page's template to include, in registration order."""
    found = defaultdict(list)
    for (model, place), templates in _sections.items():
        if isinstance(page, model):
            found[place].extend(templates)
    return dict(found)


def add_subpage_type(page_model, subpage_type):
    """Allow pages of `subpage_type` ("app_label.Model") to be created under page_model."""
    if subpage_type not in page_model.subpage_types:
        page_model.subpage_types = [*page_model.subpage_types, subpage_type]


_centre_sections = []


def add_centre_section(order, ensure):
    """A section of the home page that `manage.py create_centre` (and the demo) sets up:
    `ensure(home, office)` creates it, or leaves it as it is, and returns its page; `office`
    is the reform office (cms_pages.departments.ReformOffice). Sections are kept in `order`."""
    _centre_sections.append((order, ensure))


def centre_sections():
    """(order, ensure) of every section the apps registered."""
    return list(_centre_sections)
