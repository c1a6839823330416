from django.core.checks import Warning, register


@register()
def poster_fonts_installed(app_configs, **kwargs):
    from .fonts import configured_faces

    try:
        configured_faces()
    except (OSError, LookupError) as error:
        return [
            Warning(
                f"海报字体不可用：{error}",
                hint="在 Debian 上安装 fonts-noto-cjk，或在设置 POSTERS_FONTS 中指定中文字体文件。",
                id="posters.W001",
            )
        ]
    return []
