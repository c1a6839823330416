"""The 批次事项 panel of the batch editor: a summary with links to the assembling views.
Members are not edited inline: a batch of thousands of matters would make a form of thousands
of choosers."""

from wagtail.admin.panels import Panel


class BatchMattersPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "reform/admin/matters_panel.html"

        def get_context_data(self, parent_context=None):
            from .admin_summary import batch_summary

            context = super().get_context_data(parent_context)
            context["batch"] = self.instance
            if self.instance.pk:
                context.update(batch_summary(self.instance))
            return context
