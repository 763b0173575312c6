import Vapor
import TiendoStore
