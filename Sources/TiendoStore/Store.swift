import Fluent
import TiendoCore
