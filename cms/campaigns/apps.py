from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "cms.campaigns"
    label = "campaigns"
