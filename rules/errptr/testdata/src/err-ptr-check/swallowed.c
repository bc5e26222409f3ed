// err-ptr-check: what goes wrong depends on what consumes the value. An
// optional GPIO tested only for NULL is never dereferenced: gpiolib's
// calls warn about an error pointer and return, so the defect is the
// swallowed error (-EPROBE_DEFER lost) and the fix is to propagate it,
// not IS_ERR_OR_NULL(), which would treat the error as absent again.
#include <linux/module.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/gpio/consumer.h>

struct acme_gpios {
	struct gpio_desc *enable;
	struct gpio_desc *reset;
};

/* modeled on wilc_parse_gpios(): stored, used by gpiod_set_value() only */
static int acme_parse_gpios(struct device *dev, struct acme_gpios *gpios)
{
	gpios->enable = devm_gpiod_get_optional(dev, "enable", GPIOD_OUT_LOW);
	if (gpios->enable) { /* want "devm_gpiod_get_optional\\(\\) returns an ERR_PTR on failure and NULL only when the object is absent: 'if \\(gpios->enable\\)' lets the error pointer through; why: nothing dereferences it: gpiod_set_value\\(\\) takes it and only warns.*swallowed error.*fix: propagate the error: if \\(IS_ERR\\(gpios->enable\\)\\) return PTR_ERR\\(gpios->enable\\);" */
		gpios->reset = devm_gpiod_get(dev, "reset", GPIOD_OUT_HIGH);
		if (IS_ERR(gpios->reset))
			return PTR_ERR(gpios->reset);
	}
	return 0;
}

static void acme_power(struct acme_gpios *gpios, int on)
{
	gpiod_set_value(gpios->enable, on);
	gpiod_set_value(gpios->reset, !on);
}

/* good: the error propagated, NULL kept as absent */
static int acme_parse_gpios_ok(struct device *dev, struct gpio_desc **out)
{
	struct gpio_desc *en;

	en = devm_gpiod_get_optional(dev, "enable", GPIOD_OUT_LOW);
	if (IS_ERR(en))
		return PTR_ERR(en);
	if (en)
		gpiod_set_value(en, 1);
	*out = en;
	return 0;
}
