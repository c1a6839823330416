"""改革批次 in a new centre: the batch index under the home page and its workflow, where the
reform office's approval releases a batch. Registered with cms_pages.extensions so that
`create_centre` and the demo set it up; running it again changes nothing."""

from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from cms_pages.centre import section

from .models import BatchApprovalTask, BatchIndexPage

# i18n: data
BATCH_TASK = "审改办审核（批次发布）"
# i18n: data
BATCH_WORKFLOW = "改革批次发布流程"


def batch_workflow(reform_office, index):
    """Batches under the index go to the reform office for approval, which releases them."""
    task = BatchApprovalTask.objects.filter(name=BATCH_TASK).order_by("pk").first()
    if task is None:
        task = BatchApprovalTask.objects.create(name=BATCH_TASK)
    task.groups.add(reform_office)
    workflow = Workflow.objects.filter(name=BATCH_WORKFLOW).order_by("pk").first()
    if workflow is None:
        workflow = Workflow.objects.create(name=BATCH_WORKFLOW)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.filter(workflow=workflow).delete()
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def ensure_batch_section(home, office):
    # i18n: data
    index = section(home, BatchIndexPage, "改革批次", "batches")
    batch_workflow(office.group, index)
    return index
