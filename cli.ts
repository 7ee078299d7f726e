console.log("nopea")
