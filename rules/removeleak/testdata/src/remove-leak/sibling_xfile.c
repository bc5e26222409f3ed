// remove-leak: a .remove that releases through the driver's function in
// another file (sibling_ports.c, known by its summary) is not reported; a
// .remove that calls only a function of that file releasing nothing is.
#include "sibling.h"

static int sib_probe_port(struct sib *s, int portno)
{
	struct sib_port *port = devm_kzalloc(s->dev, sizeof(*port), GFP_KERNEL);

	if (!port)
		return -ENOMEM;
	port->clk = clk_get(s->dev, "port");
	if (IS_ERR(port->clk))
		return PTR_ERR(port->clk);
	s->ports[portno] = port;
	return 0;
}

static int sib_probe(struct platform_device *pdev)
{
	struct sib *s = devm_kzalloc(&pdev->dev, sizeof(*s), GFP_KERNEL);

	if (!s)
		return -ENOMEM;
	s->dev = &pdev->dev;
	platform_set_drvdata(pdev, s);
	return sib_probe_port(s, 0);
}

static void sib_remove(struct platform_device *pdev)
{
	struct sib *s = platform_get_drvdata(pdev);

	sib_unregister_ports(s);
}

static struct platform_driver sib_driver = {
	.probe = sib_probe,
	.remove_new = sib_remove,
	.driver = { .name = "sib" },
};

/* bad twin: remove calls the sibling file only with a port count */
struct sib2_port { struct clk *clk2; };
struct sib2 { struct sib2_port *p; struct device *dev; };

static int sib2_probe(struct platform_device *pdev)
{
	struct sib2 *t = devm_kzalloc(&pdev->dev, sizeof(*t), GFP_KERNEL);

	if (!t)
		return -ENOMEM;
	t->p = devm_kzalloc(&pdev->dev, sizeof(*t->p), GFP_KERNEL);
	if (!t->p)
		return -ENOMEM;
	t->p->clk2 = clk_get(&pdev->dev, "port"); /* want "t->p->clk2 holds a reference from clk_get\\(\\) taken in probe, but sib2_remove never calls clk_put\\(\\) on it" */
	if (IS_ERR(t->p->clk2))
		return PTR_ERR(t->p->clk2);
	platform_set_drvdata(pdev, t);
	return 0;
}

static void sib2_remove(struct platform_device *pdev)
{
	sib_stop_ports(2);
}

static struct platform_driver sib2_driver = {
	.probe = sib2_probe,
	.remove_new = sib2_remove,
	.driver = { .name = "sib2" },
};
