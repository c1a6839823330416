from django.core.checks import Warning, register


@register()
def poster_fonts_installed(app_configs, **kwargs):
    from .fonts import FontUnavailable, configured_faces

    try:
        configured_faces()
    except FontUnavailable as error:
        return [Warning(str(error), id="posters.W001")]
    return []
