"""The value lists of a copy's fields, each named once. Media values are Trakt's (plus
`uhd_bluray` and the book formats), so a Trakt collection imports without loss."""

from django.db import models


class Medium(models.TextChoices):
    DIGITAL = "digital"
    BLURAY = "bluray"
    UHD_BLURAY = "uhd_bluray"
    HDDVD = "hddvd"
    DVD = "dvd"
    VCD = "vcd"
    VHS = "vhs"
    BETAMAX = "betamax"
    LASERDISC = "laserdisc"
    HARDCOVER = "hardcover"
    PAPERBACK = "paperback"
    MASS_MARKET = "mass_market"
    EBOOK = "ebook"
    AUDIOBOOK = "audiobook"
    OTHER = "other"


class Resolution(models.TextChoices):
    UHD_4K = "uhd_4k"
    HD_1080P = "hd_1080p"
    HD_1080I = "hd_1080i"
    HD_720P = "hd_720p"
    SD_480P = "sd_480p"
    SD_480I = "sd_480i"
    SD_576P = "sd_576p"
    SD_576I = "sd_576i"


class HDR(models.TextChoices):
    DOLBY_VISION = "dolby_vision"
    HDR10 = "hdr10"
    HDR10_PLUS = "hdr10_plus"
    HLG = "hlg"


class Audio(models.TextChoices):
    DOLBY_DIGITAL = "dolby_digital"
    DOLBY_DIGITAL_PLUS = "dolby_digital_plus"
    DOLBY_DIGITAL_PLUS_ATMOS = "dolby_digital_plus_atmos"
    DOLBY_TRUEHD = "dolby_truehd"
    DOLBY_ATMOS = "dolby_atmos"
    DOLBY_PROLOGIC = "dolby_prologic"
    DTS = "dts"
    DTS_MA = "dts_ma"
    DTS_HR = "dts_hr"
    DTS_X = "dts_x"
    AURO_3D = "auro_3d"
    MP3 = "mp3"
    MP2 = "mp2"
    AAC = "aac"
    LPCM = "lpcm"
    OGG = "ogg"
    OGG_OPUS = "ogg_opus"
    WMA = "wma"
    FLAC = "flac"


AUDIO_CHANNEL_VALUES = (
    "1.0", "2.0", "2.1", "3.0", "3.1", "4.0", "4.1", "5.0", "5.1", "5.1.2", "5.1.4", "6.1",
    "7.1", "7.1.2", "7.1.4", "9.1", "10.1",
)  # fmt: skip
AudioChannels = models.TextChoices("AudioChannels", [(v, v) for v in AUDIO_CHANNEL_VALUES])


class Condition(models.TextChoices):
    NEW = "new"
    LIKE_NEW = "like_new"
    VERY_GOOD = "very_good"
    GOOD = "good"
    FAIR = "fair"
    POOR = "poor"


# Every field that takes one of a list's values ("" when unknown), with its list.
CHOICE_FIELDS: dict[str, type[models.TextChoices]] = {
    "medium": Medium,
    "resolution": Resolution,
    "hdr": HDR,
    "audio": Audio,
    "audio_channels": AudioChannels,
    "condition": Condition,
}
