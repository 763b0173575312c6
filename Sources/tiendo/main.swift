import ArgumentParser
import TiendoWeb
print("x")
