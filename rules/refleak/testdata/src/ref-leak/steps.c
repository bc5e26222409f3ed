// ref-leak: path steps say conditions as the source writes them
// (macro names, not their expansions) with the right polarity.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/property.h>
#include <linux/ioport.h>
#include <linux/phy.h>
#include <linux/of_mdio.h>
#include <linux/phy/phy.h>
#include <linux/clk.h>

#define acme_unlikely(x) __builtin_expect(!!(x), 0)
void acme_warn(void);
#define ACME_WARN_ON(c) ({ int __ret_warn_on = !!(c); if (acme_unlikely(__ret_warn_on)) acme_warn(); acme_unlikely(__ret_warn_on); })
unsigned long acme_get_rate(struct device_node *np);

/* a rate tested for zero is a value, not an error code: going on means
 * the rate was non-zero, no call failed */
static int acme_rate(struct device *dev, unsigned long *out)
{
	struct device_node *np;
	unsigned long rate;

	np = of_parse_phandle(dev->of_node, "acme,clk", 0);
	if (acme_unlikely(!np))
		return -19;
	rate = acme_get_rate(np);
	if (!rate)
		goto put;
	if (ACME_WARN_ON(rate > 1000))
		return -22; /* want "when ACME_WARN_ON\\(\\) is true: this return" */
	*out = rate;
put:
	of_node_put(np);
	return 0;
}
