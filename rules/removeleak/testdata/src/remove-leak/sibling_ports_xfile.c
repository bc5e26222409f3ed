// remove-leak: the other file of the sibling.c driver: the port teardown
// its remove reaches, summarized (flow.Summaries.FieldReleases) as
// releasing struct sib_port's clk. sib_stop_ports() releases nothing.
#include "sibling.h"

static void sib_destroy_port(struct sib_port *port)
{
	clk_put(port->clk);
}

void sib_unregister_ports(struct sib *s)
{
	int i;

	for (i = 0; i < 2; i++)
		if (s->ports[i])
			sib_destroy_port(s->ports[i]);
}

void sib_stop_ports(int n)
{
}
