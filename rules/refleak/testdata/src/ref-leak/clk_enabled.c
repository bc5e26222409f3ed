// ref-leak: a clock reference whose clock is enabled and still on at a
// return is kept for the system's life on purpose (clk.h forbids
// clk_put() of an enabled clock); where the enable failed, or the clock
// was turned off again, the reference still leaks. Reduced from
// arch/arm/mach-lpc32xx/serial.c, arch/sh/drivers/pci/pcie-sh7786.c,
// arch/arm/mach-mmp/time.c, drivers/clk/starfive/clk-starfive-jh7110-sys.c.
#include <linux/err.h>
#include <linux/device.h>
#include <linux/of.h>
#include <linux/clk.h>


static const char *const acme_uart_clks[] = { "uart3_ck", "uart4_ck", "uart5_ck" };
int acme_mm_sel(void);
int acme_map_irq(struct device_node *np);
void acme_timer_init(int irq, unsigned long rate);

/* each iteration enables a different clock and keeps it on */
void acme_serial_init(void)
{
	struct clk *clk;
	int i;

	for (i = 0; i < 3; i++) {
		clk = clk_get(NULL, acme_uart_clks[i]);
		if (!IS_ERR(clk))
			clk_enable(clk);
	}
}

/* enabled, then kept: no leak on the success path */
static struct clk *platclk;
int acme_pcie_init(void)
{
	struct clk *clk;

	clk = clk_get(NULL, "pcie_plat_clk");
	if (IS_ERR(clk))
		clk = NULL;
	clk_enable(clk);
	if (acme_mm_sel() < 0)
		return 0;
	return 0;
}

/* kept on when the enable succeeds; its failure leaks */
int acme_timer_probe(struct device_node *np)
{
	struct clk *clk;
	unsigned long rate = 3250000;
	int irq, ret;

	clk = of_clk_get(np, 0);
	if (!IS_ERR(clk)) {
		ret = clk_prepare_enable(clk);
		if (ret)
			return ret; /* want "reference from of_clk_get\\(\\) at line 53 leaks when clk_prepare_enable\\(\\) fails: this return skips clk_put\\(\\)" */
		rate = clk_get_rate(clk);
	}
	irq = acme_map_irq(np);
	if (!irq)
		return -EINVAL;
	acme_timer_init(irq, rate);
	return 0;
}

/* the enable tested directly in the condition */
int acme_direct(struct device *dev)
{
	struct clk *clk = clk_get(dev, "core");

	if (IS_ERR(clk))
		return PTR_ERR(clk);
	if (clk_prepare_enable(clk))
		return -EIO; /* want "reference from clk_get\\(\\) at line 70 leaks when clk_prepare_enable\\(\\) fails" */
	return 0;
}

/* turned off again: the hold is over, the return leaks */
int acme_disabled(struct device *dev)
{
	struct clk *clk = clk_get(dev, "core");

	if (IS_ERR(clk))
		return PTR_ERR(clk);
	clk_prepare_enable(clk);
	if (acme_mm_sel()) {
		clk_disable_unprepare(clk);
		return -EIO; /* want "reference from clk_get\\(\\) at line 82 leaks when acme_mm_sel\\(\\) fails" */
	}
	return 0;
}

/* the status variable tested by sign */
int acme_status(struct device *dev)
{
	struct clk *clk = clk_get(dev, "core");
	int ret;

	if (IS_ERR(clk))
		return PTR_ERR(clk);
	ret = clk_prepare_enable(clk);
	if (ret < 0)
		goto out;
	return 0;
out:
	return ret; /* want "reference from clk_get\\(\\) at line 97 leaks when clk_prepare_enable\\(\\) fails" */
}

/* a registered rate notifier keeps the clock too */
int acme_notifier(struct device *dev, struct notifier_block *nb)
{
	struct clk *pllclk;
	int ret;

	pllclk = clk_get(dev, "pll0_out");
	if (!IS_ERR(pllclk)) {
		ret = clk_notifier_register(pllclk, nb);
		if (ret)
			return ret; /* want "reference from clk_get\\(\\) at line 116 leaks when clk_notifier_register\\(\\) fails" */
	}
	pllclk = clk_get(dev, "pll1_out");
	if (IS_ERR(pllclk))
		return PTR_ERR(pllclk);
	return 0; /* want "reference from clk_get\\(\\) at line 122 leaks on the success path" */
}
