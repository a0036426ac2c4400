"""The kernels that execute the book: log errors only.

Every kernel that jupyter-cache starts logs "Kernel is running over TCP without encryption" (ipykernel 7 warns
whenever the transport is TCP, here on localhost), which `make book` would print once per notebook. The Makefile
copies this file into the IPython profile those kernels use (IPYTHONDIR=_build/ipython).
"""

c = get_config()  # noqa: F821 - IPython defines get_config() in the namespace of a config file
c.IPKernelApp.log_level = "ERROR"
