"""The findings catalogue (DESIGN §8): rules over the estate, its graph and untrusted inputs."""
