"""Read model of performance management: expectations, work breakdowns, individual plans, feedback."""
